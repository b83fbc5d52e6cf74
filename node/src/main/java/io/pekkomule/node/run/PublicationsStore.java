package io.pekkomule.node.run;

import io.pekkomule.node.kad.search.PublicationJournal;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.persistence.index.OwnPublications;
import io.pekkomule.persistence.index.Publication;
import io.pekkomule.persistence.index.PublicationKind;
import io.pekkomule.persistence.index.PublicationsState;
import io.pekkomule.persistence.index.SharedFileRecord;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The node's {@link PublicationJournal} over the event-sourced {@link OwnPublications}: shared
 * files and, per publication, when it went out and is next due. Writes are told in order from the
 * publisher's thread (a few per publish round, at most one round per kind every 2 s); nothing
 * waits for them. At start {@link #recover} turns the stored state into the schedule the
 * publisher resumes.
 */
final class PublicationsStore implements PublicationJournal {
  private final ActorRef<OwnPublications.Command> store;
  private final ActorRef<Object> ignore;
  private final Recovered recovered;

  PublicationsStore(ActorRef<OwnPublications.Command> store, ActorRef<Object> ignore,
      Recovered recovered) {
    this.store = store;
    this.ignore = ignore;
    this.recovered = recovered;
  }

  @Override
  public void shared(SharedFile f, long at) {
    store.tell(new OwnPublications.ShareFile(f.fileId(), record(f), Instant.ofEpochMilli(at),
        ignore.unsafeUpcast()));
  }

  @Override
  public void unshared(KadId fileId, long at) {
    store.tell(new OwnPublications.UnshareFile(fileId, Instant.ofEpochMilli(at),
        ignore.unsafeUpcast()));
  }

  @Override
  public void published(JobKind kind, KadId target, List<KadId> files, long at, long nextDue) {
    PublicationKind k = PublicationKind.valueOf(kind.name());
    Instant when = Instant.ofEpochMilli(at);
    Instant next = Instant.ofEpochMilli(nextDue);
    for (KadId f : files) {
      store.tell(new OwnPublications.Register(k, target, f, when, next, ignore.unsafeUpcast()));
      store.tell(new OwnPublications.RecordPublished(k, target, f, when, next,
          ignore.unsafeUpcast()));
    }
  }

  @Override
  public Recovered recovered() {
    return recovered;
  }

  static SharedFileRecord record(SharedFile f) {
    return new SharedFileRecord(f.name(), f.size(), f.complete(), f.fileType(),
        f.rating().isPresent() ? Optional.of(f.rating().getAsInt()) : Optional.empty(),
        f.comment());
  }

  static SharedFile file(KadId id, SharedFileRecord r) {
    return new SharedFile(id, r.name(), r.size(), r.complete(), r.fileType(),
        r.rating().map(OptionalInt::of).orElse(OptionalInt.empty()), r.comment());
  }

  /** The schedule the publisher resumes: files, whose source went out, next due per item. */
  static Recovered recover(PublicationsState s) {
    List<SharedFile> files = new ArrayList<>();
    s.files().forEach((hex, r) -> {
      try {
        files.add(file(KadId.fromHex(hex), r));
      } catch (IllegalArgumentException e) {
        // a record that no longer makes a valid shared file is skipped
      }
    });
    files.sort(java.util.Comparator.comparing(f -> f.fileId().toHex()));
    Set<KadId> sourcePublished = new HashSet<>();
    Map<JobKind, Map<KadId, Long>> dues = new EnumMap<>(JobKind.class);
    for (Publication p : s.publications().values()) {
      JobKind k = JobKind.valueOf(p.kind().name());
      if (k == JobKind.SOURCE && p.lastPublished().isPresent()) {
        sourcePublished.add(p.fileId());
      }
      dues.computeIfAbsent(k, x -> new HashMap<>())
          .merge(p.target(), p.nextRepublish().toEpochMilli(), Math::min);
    }
    return new Recovered(files, sourcePublished, dues);
  }
}
