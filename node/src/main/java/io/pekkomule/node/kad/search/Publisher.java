package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.kad.search.RepublishScheduler.Job;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.node.kad.wire.Cadence;
import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Our publications: the thin shell of the {@link RepublishScheduler}. Every step (about 2 s,
 * jittered) it takes at most one due job per kind (iMule: one keyword, one source, one notes
 * candidate every 2 s) while fewer than the kind's cap run, and starts it as a lookup actor with a
 * {@link PublishPhase} (STOREFILE / STOREKEYWORD / STORENOTES, routine urgency); the lookup's end
 * goes back into the scheduler (ordering rule, rotation, hot-keyword back-off). When nothing is
 * due it sleeps until the next due time instead of stepping.
 */
public final class Publisher extends AbstractBehavior<Publisher.Command> {

  public interface Command {}

  /** Start publishing a file. */
  public record Share(SharedFile file, ActorRef<Shared> replyTo) implements Command {
    public Share(SharedFile file) {
      this(file, null);
    }
  }

  /** The answer to a {@link Share} with a reply address: false if the file was shared already. */
  public record Shared(KadId fileId, boolean added) {}

  /** Tell {@code watcher} every publish job's end from now on. */
  public record Watch(ActorRef<JobFinished> watcher) implements Command {}

  /**
   * One publish job ended (a STOREFILE / STOREKEYWORD / STORENOTES lookup).
   *
   * @param files the shared files it published (one for sources and notes)
   * @param stored storing nodes that acknowledged (PUBLISH_RES; notes: iMule never answers)
   * @param success what the schedule counts as published (notes: always)
   * @param nextDueMillis when the item is next due (epoch ms), -1 if it is no longer scheduled
   */
  public record JobFinished(JobKind kind, KadId target, java.util.List<KadId> files, int stored,
      boolean success, io.pekkomule.node.kad.lookup.Termination termination, int requests,
      long finishedMillis, long nextDueMillis) {}

  /** List every shared file with its scheduled items. */
  public record ListPublications(ActorRef<Publications> replyTo) implements Command {}

  /** The answer to {@link ListPublications}. */
  public record Publications(java.util.List<Publication> files) {}

  /** One shared file and its publish items. */
  public record Publication(SharedFile file, long sharedMillis, java.util.List<Item> items) {}

  /**
   * One publish item of a file.
   *
   * @param dueMillis when it next goes out (epoch ms)
   * @param running its lookup runs now
   * @param last its last finished job, or null
   */
  public record Item(JobKind kind, KadId target, long dueMillis, boolean running,
      JobFinished last) {}

  /** Stop publishing a file. */
  public record Unshare(KadId fileId) implements Command {}

  private enum Step implements Command {
    INSTANCE
  }

  private record JobDone(PublishPhase.Result result) implements Command {}

  /** iMule steps its publishing every 2 s. */
  static final Duration STEP = Duration.ofSeconds(2);

  /**
   * @param maxRunning publish lookups of one kind running at once (iMule: 60 keyword, 60 source,
   *     1 notes; ours is smaller, a fixed bound)
   */
  public record Settings(RepublishScheduler.Config schedule, LookupConfig lookups,
      Map<JobKind, Integer> maxRunning, CoverPlanner.Config cover) {

    /** Without cover lookups. */
    public Settings(RepublishScheduler.Config schedule, LookupConfig lookups,
        Map<JobKind, Integer> maxRunning) {
      this(schedule, lookups, maxRunning, null);
    }

    /**
     * With cover lookups (seed 001 §3; {@link CoverLookups}); off by default until harness H8
     * has measured them in the lab.
     */
    public Settings withCover(CoverPlanner.Config c) {
      return new Settings(schedule, lookups, maxRunning, c);
    }

    /**
     * Publish lookups run at routine urgency: a request may sit up to 30 s in the shaper, so a
     * peer counts as slow only after 15 s and unresponsive after 45 s (with the interactive
     * timeouts of our searches, most publish requests would be written off before their answer
     * could arrive and the lookup would stop short of the closest nodes). REQs ask for
     * iMule's 4 contacts (0 = the type's own count): the count is visible to the node asked, so
     * anything else names us. With 4, a REQ to one of the closest nodes only reveals ranks 0-4
     * around the key, and ranks 5-9 are found only if the routing table already held them (lab,
     * 1,000 nodes: publish reach median 6/10, p5 4/10 with 4; 10/10, 9/10 with the lab-only
     * {@code -Dpekko-mule.publish.request-count=11}; see docs/kad-node.md). No exploration
     * ({@link KadNode#STORE_EXPLORE}): asking far contacts would name ranks 5-9 but sends store
     * REQs where iMule never does (harness H10).
     */
    public static final LookupConfig ROUTINE_LOOKUPS = new LookupConfig(1,
        Duration.ofSeconds(2), Duration.ofSeconds(45), 15, Duration.ofSeconds(1), false,
        Integer.getInteger("pekko-mule.publish.request-count", 0))
        .withExplore(KadNode.STORE_EXPLORE);

    public static Settings defaults(LookupConfig lookups) {
      return new Settings(RepublishScheduler.Config.DEFAULT, ROUTINE_LOOKUPS,
          Map.of(JobKind.SOURCE, 4, JobKind.KEYWORD, 4, JobKind.NOTES, 1));
    }

    public Settings withSchedule(RepublishScheduler.Config s) {
      return new Settings(s, lookups, maxRunning, cover);
    }
  }

  private final KadIdentity self;
  private final KadId userHash;
  private final Settings settings;
  private final ActorRef<Lookups.Command> lookups;
  private final InstantSource clock;
  private final Cadence cadence;
  private final TimerScheduler<Command> timers;
  private final RepublishScheduler scheduler;
  private final Map<JobKind, Integer> running = new EnumMap<>(JobKind.class);
  private final ActorRef<LookupOutcome> ignore;
  private long wakeAt = Long.MAX_VALUE;
  private final java.util.List<ActorRef<JobFinished>> watchers = new java.util.ArrayList<>();
  /** The last job's end per kind and target (kept while the item is scheduled). */
  private final Map<JobKind, Map<KadId, JobFinished>> lastJobs = new EnumMap<>(JobKind.class);
  private final Map<KadId, Long> sharedAt = new java.util.HashMap<>();

  public static Behavior<Command> create(KadIdentity self, KadId userHash, Settings settings,
      ActorRef<Lookups.Command> lookups, InstantSource clock, long seed) {
    return create(self, userHash, settings, lookups, clock, seed, PublicationJournal.NONE);
  }

  /** With a journal: what it recovered is published again on its recorded schedule. */
  public static Behavior<Command> create(KadIdentity self, KadId userHash, Settings settings,
      ActorRef<Lookups.Command> lookups, InstantSource clock, long seed,
      PublicationJournal journal) {
    return create(KadDialect.IMULE, self, userHash, settings, lookups, clock, seed, journal);
  }

  /** On the node's dialect (how a storing node acknowledges a source differs per overlay). */
  public static Behavior<Command> create(KadDialect dialect, KadIdentity self, KadId userHash,
      Settings settings, ActorRef<Lookups.Command> lookups, InstantSource clock, long seed,
      PublicationJournal journal) {
    return create(dialect, self, userHash, settings, lookups, clock, seed, journal, null);
  }

  /** @param cover told of every publish lookup we start (its rate makes up for them); or null */
  public static Behavior<Command> create(KadDialect dialect, KadIdentity self, KadId userHash,
      Settings settings, ActorRef<Lookups.Command> lookups, InstantSource clock, long seed,
      PublicationJournal journal, ActorRef<CoverLookups.Command> cover) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Publisher p = new Publisher(ctx, timers, dialect, self, userHash, settings, lookups, clock,
          seed, journal);
      p.cover = cover;
      return p;
    }));
  }

  private ActorRef<CoverLookups.Command> cover;

  private final PublicationJournal journal;

  private final KadDialect dialect;

  private Publisher(ActorContext<Command> ctx, TimerScheduler<Command> timers, KadDialect dialect,
      KadIdentity self, KadId userHash, Settings settings, ActorRef<Lookups.Command> lookups, InstantSource clock,
      long seed, PublicationJournal journal) {
    super(ctx);
    this.dialect = dialect;
    this.timers = timers;
    this.self = self;
    this.userHash = userHash;
    this.settings = settings;
    this.lookups = lookups;
    this.clock = clock;
    SplittableRandom random = new SplittableRandom(seed);
    this.cadence = new Cadence(random.split(), 0.2);
    this.scheduler = new RepublishScheduler(settings.schedule(), random.split());
    this.ignore = ctx.getSystem().ignoreRef();
    for (JobKind k : JobKind.values()) {
      running.put(k, 0);
      lastJobs.put(k, new java.util.HashMap<>());
    }
    this.journal = journal;
    PublicationJournal.Recovered r = journal.recovered();
    long now = clock.millis();
    for (SharedFile f : r.files()) {
      scheduler.restore(f, r.sourcePublished().contains(f.fileId()), r.dues(), now);
    }
    if (!r.files().isEmpty()) {
      ctx.getLog().info("publishing resumes for {} shared files", r.files().size());
      arm();
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Share.class, s -> {
          long now = clock.millis();
          boolean added = !scheduler.isShared(s.file().fileId());
          if (added) {
            journal.shared(s.file(), now);
            sharedAt.put(s.file().fileId(), now);
          }
          scheduler.share(s.file(), now);
          if (s.replyTo() != null) {
            s.replyTo().tell(new Shared(s.file().fileId(), added));
          }
          arm();
          return this;
        })
        .onMessage(Watch.class, w -> {
          watchers.add(w.watcher());
          getContext().watch(w.watcher());
          return this;
        })
        .onSignal(org.apache.pekko.actor.typed.Terminated.class, t -> {
          watchers.remove(t.getRef());
          return this;
        })
        .onMessage(ListPublications.class, l -> {
          l.replyTo().tell(publications());
          return this;
        })
        .onMessage(Unshare.class, u -> {
          if (scheduler.isShared(u.fileId())) {
            journal.unshared(u.fileId(), clock.millis());
          }
          scheduler.unshare(u.fileId());
          sharedAt.remove(u.fileId());
          return this;
        })
        .onMessageEquals(Step.INSTANCE, this::onStep)
        .onMessage(JobDone.class, this::onJobDone)
        .build();
  }

  private Behavior<Command> onStep() {
    wakeAt = Long.MAX_VALUE;
    long now = clock.millis();
    for (JobKind k : JobKind.values()) {
      if (running.get(k) >= settings.maxRunning().getOrDefault(k, 1)) {
        continue;
      }
      scheduler.next(k, now).ifPresent(this::start);
    }
    arm();
    return this;
  }

  private void start(Job job) {
    running.merge(job.kind(), 1, Integer::sum);
    ActorRef<Command> me = getContext().getSelf();
    PublishPhase phase = new PublishPhase(job, userHash, self.id(), self.tcpDest(),
        dialect.sourceAckHasCounts(), r -> me.tell(new JobDone(r)));
    LookupType type = switch (job.kind()) {
      case SOURCE -> LookupType.STOREFILE;
      case KEYWORD -> LookupType.STOREKEYWORD;
      case NOTES -> LookupType.STORENOTES;
    };
    lookups.tell(new Lookups.Start(new LookupActor.Spec(type, job.target(), settings.lookups(),
        UrgencyClass.ROUTINE, Origin.PUBLISH, phase), ignore));
    if (cover != null) {
      cover.tell(CoverLookups.OwnPublish.INSTANCE);
    }
  }

  private Behavior<Command> onJobDone(JobDone d) {
    PublishPhase.Result r = d.result();
    running.merge(r.job().kind(), -1, Integer::sum);
    // notes are never acknowledged by iMule: done when the lookup is
    boolean success = r.job().kind() == JobKind.NOTES || r.acks() > 0;
    long now = clock.millis();
    scheduler.completed(r.job(), success, r.averageLoad(), now);
    OptionalLong next = scheduler.due(r.job().kind(), r.job().target());
    if (success && next.isPresent()) {
      journal.published(r.job().kind(), r.job().target(),
          r.job().files().stream().map(SharedFile::fileId).toList(), now, next.getAsLong());
    }
    JobFinished f = new JobFinished(r.job().kind(), r.job().target(),
        r.job().files().stream().map(SharedFile::fileId).toList(), r.acks(), success,
        r.outcome() == null ? io.pekkomule.node.kad.lookup.Termination.TIMED_OUT
            : r.outcome().termination(),
        r.outcome() == null ? 0 : r.outcome().requests(), now, next.orElse(-1));
    if (next.isPresent()) {
      lastJobs.get(f.kind()).put(f.target(), f);
    } else {
      lastJobs.get(f.kind()).remove(f.target());
    }
    for (ActorRef<JobFinished> w : watchers) {
      w.tell(f);
    }
    arm();
    return this;
  }

  private Publications publications() {
    java.util.List<Publication> out = new java.util.ArrayList<>();
    for (SharedFile file : scheduler.sharedFiles()) {
      java.util.List<Item> items = new java.util.ArrayList<>();
      for (RepublishScheduler.Scheduled s : scheduler.scheduledFor(file.fileId())) {
        items.add(new Item(s.kind(), s.target(), s.due(), s.inFlight(),
            lastJobs.get(s.kind()).get(s.target())));
      }
      items.sort(java.util.Comparator.comparing(Item::kind).thenComparingLong(Item::dueMillis));
      out.add(new Publication(file, sharedAt.getOrDefault(file.fileId(), -1L), items));
    }
    out.sort(java.util.Comparator.comparing(p -> p.file().fileId().toHex()));
    return new Publications(out);
  }

  /** Steps every ~2 s while something is due, else sleeps until the next due time. */
  private void arm() {
    long now = clock.millis();
    OptionalLong due = scheduler.nextDue();
    if (due.isEmpty()) {
      return;
    }
    long at = Math.max(due.getAsLong(), now + cadence.next(STEP).toMillis());
    if (at < wakeAt) {
      wakeAt = at;
      timers.startSingleTimer(Step.INSTANCE, Duration.ofMillis(at - now));
    }
  }

  /** A stable source id of this node that is not its KadID (iMule uses the user hash). */
  public static KadId userHashOf(KadIdentity identity) {
    long a = mix(identity.id().hi() ^ ((long) identity.udpKeySecret() << 17));
    long b = mix(identity.id().lo() + 0x9E3779B97F4A7C15L * identity.udpKeySecret());
    return new KadId(a, b);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
