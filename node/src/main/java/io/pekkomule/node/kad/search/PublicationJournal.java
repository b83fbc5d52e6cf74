package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.protocol.KadId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where our shared files and the next time each publication is due are kept across restarts, so
 * republishing resumes on schedule. {@link #NONE} keeps nothing (the lab's nodes, tests). Called
 * on the publisher's thread.
 */
public interface PublicationJournal {

  /** A file is shared from now on. */
  void shared(SharedFile file, long at);

  /** A file is no longer shared. */
  void unshared(KadId fileId, long at);

  /**
   * A publication of {@code files} under {@code target} went out at {@code at} (sources and
   * keywords: at least one storing node acknowledged; notes: the lookup ended); the next is due
   * at {@code nextDue}.
   */
  void published(JobKind kind, KadId target, List<KadId> files, long at, long nextDue);

  /** What was shared before the restart and when each publication is next due. */
  Recovered recovered();

  /**
   * @param sourcePublished files whose source publication went out at least once
   * @param dues by kind, then target (file id; keyword id for keywords): the next due time
   */
  record Recovered(List<SharedFile> files, Set<KadId> sourcePublished,
      Map<JobKind, Map<KadId, Long>> dues) {
    public static final Recovered EMPTY = new Recovered(List.of(), Set.of(), Map.of());

    public Recovered {
      files = List.copyOf(files);
      sourcePublished = Set.copyOf(sourcePublished);
      Objects.requireNonNull(dues, "dues");
    }
  }

  PublicationJournal NONE = new PublicationJournal() {
    @Override
    public void shared(SharedFile file, long at) {}

    @Override
    public void unshared(KadId fileId, long at) {}

    @Override
    public void published(JobKind kind, KadId target, List<KadId> files, long at, long nextDue) {}

    @Override
    public Recovered recovered() {
      return Recovered.EMPTY;
    }
  };
}
