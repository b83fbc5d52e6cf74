package io.pekkomule.node.kad.search;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When each of our publications goes out: a pure, clock-free machine (spec §10, §12.1; seed 003).
 *
 * <ul>
 *   <li>Sources are republished about every 5 h, keywords and notes about every 24 h. Each next
 *       time is drawn uniformly in [{@code windowLow}, {@code windowHigh}] × the storing node's
 *       lifetime of the entry, independently per item, so no item has a fixed period (H6) and
 *       the entry never lapses on the storing nodes (iMule republishes exactly at the lifetime,
 *       leaving a gap the length of its own lookup).
 *   <li>A newly shared file is first published at a uniform random time in the first-publish
 *       window, so sharing many files (or a restart) never rotates everything at once; the shell
 *       takes at most one job per kind per step (iMule: one keyword, one source and one notes
 *       candidate every 2 s), which spreads any backlog.
 *   <li>Ordering rule (iMule {@code Search.cpp:183-196}): a file's keywords are only queued after
 *       a source publish of that file succeeded; only complete files have keywords published.
 *   <li>Keywords: one job carries at most {@code filesPerKeywordRound} (150) files; the next round
 *       of that keyword continues where this one stopped (rotation).
 *   <li>Hot-keyword back-off (iMule): when the storing nodes report an average load above {@code
 *       hotLoad} (20 %), the keyword's next round waits {@code hotBackoff} (7 days) × load / 100.
 * </ul>
 */
public final class RepublishScheduler {

  public enum JobKind {
    SOURCE,
    KEYWORD,
    NOTES
  }

  /**
   * One publish lookup to run: a source or notes publish of {@code files.get(0)} under its file
   * id, or a keyword publish of up to 150 files under the keyword id {@code target}.
   */
  public record Job(JobKind kind, KadId target, List<SharedFile> files) {}

  public record Config(
      Duration sourceLifetime,
      Duration keywordLifetime,
      Duration notesLifetime,
      double windowLow,
      double windowHigh,
      Duration firstLow,
      Duration firstHigh,
      Duration retryLow,
      Duration retryHigh,
      int filesPerKeywordRound,
      int hotLoad,
      Duration hotBackoff) {

    /** iMule's intervals and limits with our jitter windows. */
    public static final Config DEFAULT = new Config(Duration.ofHours(5), Duration.ofHours(24),
        Duration.ofHours(24), 0.5, 0.98, Duration.ofSeconds(10), Duration.ofMinutes(15),
        Duration.ofMinutes(20), Duration.ofMinutes(40), 150, 20, Duration.ofDays(7));

    public Config {
      if (!(windowLow > 0 && windowLow < windowHigh && windowHigh <= 1)) {
        throw new IllegalArgumentException("need 0 < windowLow < windowHigh <= 1");
      }
      if (filesPerKeywordRound < 1) {
        throw new IllegalArgumentException("filesPerKeywordRound < 1");
      }
    }

    /** The same with a different first-publish window (tests, the lab). */
    public Config withFirstWindow(Duration lo, Duration hi) {
      return new Config(sourceLifetime, keywordLifetime, notesLifetime, windowLow, windowHigh, lo,
          hi, retryLow, retryHigh, filesPerKeywordRound, hotLoad, hotBackoff);
    }
  }

  private static final class Item {
    final JobKind kind;
    final KadId target;
    long due;
    boolean inFlight;
    /** Keyword items: the files under this keyword, in sharing order, and the rotation offset. */
    final LinkedHashMap<KadId, SharedFile> files;
    int rotation;

    Item(JobKind kind, KadId target, long due, boolean keyword) {
      this.kind = kind;
      this.target = target;
      this.due = due;
      this.files = keyword ? new LinkedHashMap<>() : null;
    }
  }

  private final Config config;
  private final RandomGenerator random;
  private final Map<KadId, SharedFile> shared = new HashMap<>();
  private final Map<JobKind, Map<KadId, Item>> items = new EnumMap<>(JobKind.class);
  private final Map<JobKind, PriorityQueue<Item>> queues = new EnumMap<>(JobKind.class);
  private final Set<KadId> sourceSucceeded = new HashSet<>();

  public RepublishScheduler(Config config, RandomGenerator random) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
    for (JobKind k : JobKind.values()) {
      items.put(k, new HashMap<>());
      queues.put(k, new PriorityQueue<>(Comparator.comparingLong((Item i) -> i.due)));
    }
  }

  public Config config() {
    return config;
  }

  /** Starts publishing a file: its source (and notes) first go out inside the first window. */
  public void share(SharedFile f, long now) {
    SharedFile old = shared.put(f.fileId(), f);
    if (old != null) {
      return;
    }
    schedule(new Item(JobKind.SOURCE, f.fileId(), now + draw(config.firstLow(), config.firstHigh()),
        false));
    if (f.hasNotes()) {
      schedule(new Item(JobKind.NOTES, f.fileId(),
          now + draw(config.firstLow(), config.firstHigh()), false));
    }
  }

  /**
   * Starts publishing a file again after a restart, on the schedule it had: each item recorded in
   * {@code dues} (by kind, then target: the file id for sources and notes, the keyword id for
   * keywords) is due then; an item without a record, or whose time passed while the node was
   * down, is drawn inside the first window from {@code now} (no burst after a long downtime).
   * Keywords are queued when the file is complete and its source had gone out ({@code
   * sourcePublished}), as the ordering rule requires. Returns false if the file was shared.
   */
  public boolean restore(SharedFile f, boolean sourcePublished, Map<JobKind, Map<KadId, Long>> dues,
      long now) {
    if (shared.putIfAbsent(f.fileId(), f) != null) {
      return false;
    }
    schedule(new Item(JobKind.SOURCE, f.fileId(), restoredDue(dues, JobKind.SOURCE, f.fileId(), now),
        false));
    if (f.hasNotes()) {
      schedule(new Item(JobKind.NOTES, f.fileId(), restoredDue(dues, JobKind.NOTES, f.fileId(), now),
          false));
    }
    if (sourcePublished && f.complete() && sourceSucceeded.add(f.fileId())) {
      for (String w : KeywordHasher.publishWords(f.name())) {
        KadId k = KeywordHasher.hash(w);
        Item item = items.get(JobKind.KEYWORD).get(k);
        if (item == null) {
          item = new Item(JobKind.KEYWORD, k, restoredDue(dues, JobKind.KEYWORD, k, now), true);
          schedule(item);
        }
        item.files.put(f.fileId(), f);
      }
    }
    return true;
  }

  private long restoredDue(Map<JobKind, Map<KadId, Long>> dues, JobKind kind, KadId target,
      long now) {
    Long at = dues.getOrDefault(kind, Map.of()).get(target);
    return at != null && at > now ? at : now + draw(config.firstLow(), config.firstHigh());
  }

  /** When the item of this kind and target is next due (empty: no such item). */
  public OptionalLong due(JobKind kind, KadId target) {
    Item i = items.get(kind).get(target);
    return i == null ? OptionalLong.empty() : OptionalLong.of(i.due);
  }

  /** Whether the file is shared. */
  public boolean isShared(KadId fileId) {
    return shared.containsKey(fileId);
  }

  /** Stops publishing a file (its entries then expire on the storing nodes). */
  public void unshare(KadId fileId) {
    SharedFile f = shared.remove(fileId);
    if (f == null) {
      return;
    }
    sourceSucceeded.remove(fileId);
    remove(JobKind.SOURCE, fileId);
    remove(JobKind.NOTES, fileId);
    for (String w : KeywordHasher.publishWords(f.name())) {
      Item k = items.get(JobKind.KEYWORD).get(KeywordHasher.hash(w));
      if (k != null) {
        k.files.remove(fileId);
        if (k.files.isEmpty()) {
          remove(JobKind.KEYWORD, k.target);
        }
      }
    }
  }

  private void remove(JobKind kind, KadId target) {
    Item i = items.get(kind).remove(target);
    if (i != null) {
      queues.get(kind).remove(i);
    }
  }

  private void schedule(Item i) {
    items.get(i.kind).put(i.target, i);
    queues.get(i.kind).add(i);
  }

  /** The earliest due job of a kind, marked in flight until {@link #completed}; empty if none is due. */
  public Optional<Job> next(JobKind kind, long now) {
    PriorityQueue<Item> q = queues.get(kind);
    Item i = q.peek();
    if (i == null || i.due > now) {
      return Optional.empty();
    }
    q.poll();
    i.inFlight = true;
    if (kind == JobKind.KEYWORD) {
      List<SharedFile> all = new ArrayList<>(i.files.values());
      int n = Math.min(all.size(), config.filesPerKeywordRound());
      List<SharedFile> round = new ArrayList<>(n);
      int start = all.isEmpty() ? 0 : i.rotation % all.size();
      for (int k = 0; k < n; k++) {
        round.add(all.get((start + k) % all.size()));
      }
      i.rotation = start + n;
      return Optional.of(new Job(kind, i.target, List.copyOf(round)));
    }
    return Optional.of(new Job(kind, i.target, List.of(shared.get(i.target))));
  }

  /**
   * A job's lookup ended.
   *
   * @param success at least one storing node acknowledged (sources, keywords); notes are never
   *     acknowledged by iMule, so a notes job counts as done either way
   * @param load the average load the storing nodes reported, or -1
   */
  public void completed(Job job, boolean success, int load, long now) {
    Item i = items.get(job.kind()).get(job.target());
    if (i == null || !i.inFlight) {
      return; // unshared meanwhile
    }
    i.inFlight = false;
    switch (job.kind()) {
      case SOURCE -> {
        if (success) {
          i.due = now + window(config.sourceLifetime());
          SharedFile f = shared.get(job.target());
          if (f != null && f.complete() && sourceSucceeded.add(f.fileId())) {
            queueKeywords(f, now);
          }
        } else {
          i.due = now + draw(config.retryLow(), config.retryHigh());
        }
      }
      case KEYWORD -> {
        if (load > config.hotLoad()) {
          i.due = now + (long) (config.hotBackoff().toMillis() * (load / 100.0));
        } else if (success) {
          i.due = now + window(config.keywordLifetime());
        } else {
          i.due = now + draw(config.retryLow(), config.retryHigh());
        }
      }
      case NOTES -> i.due = now + window(config.notesLifetime());
    }
    queues.get(job.kind()).add(i);
  }

  /** The ordering rule: keywords of a file join their keyword items once its source went out. */
  private void queueKeywords(SharedFile f, long now) {
    for (String w : KeywordHasher.publishWords(f.name())) {
      KadId k = KeywordHasher.hash(w);
      Item item = items.get(JobKind.KEYWORD).get(k);
      if (item == null) {
        item = new Item(JobKind.KEYWORD, k, now + draw(config.firstLow(), config.firstHigh()), true);
        schedule(item);
      }
      item.files.put(f.fileId(), f);
    }
  }

  private long window(Duration lifetime) {
    double f = config.windowLow() + (config.windowHigh() - config.windowLow()) * random.nextDouble();
    return (long) (lifetime.toMillis() * f);
  }

  private long draw(Duration lo, Duration hi) {
    long span = hi.toMillis() - lo.toMillis();
    return lo.toMillis() + (span <= 0 ? 0 : (long) (span * random.nextDouble()));
  }

  /** The earliest time any job is due, if any is scheduled and not in flight. */
  public OptionalLong nextDue() {
    long best = Long.MAX_VALUE;
    for (PriorityQueue<Item> q : queues.values()) {
      Item i = q.peek();
      if (i != null) {
        best = Math.min(best, i.due);
      }
    }
    return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
  }

  /** Whether the file's source publish has succeeded at least once (its keywords are queued). */
  public boolean sourceSucceeded(KadId fileId) {
    return sourceSucceeded.contains(fileId);
  }

  /**
   * One scheduled item as the API lists it.
   *
   * @param files the shared files it carries (one for sources and notes)
   */
  public record Scheduled(JobKind kind, KadId target, long due, boolean inFlight,
      List<KadId> files) {}

  /** Every shared file, in no particular order. */
  public List<SharedFile> sharedFiles() {
    return List.copyOf(shared.values());
  }

  /** Every scheduled item that carries {@code fileId}: its source, notes and keyword items. */
  public List<Scheduled> scheduledFor(KadId fileId) {
    List<Scheduled> out = new ArrayList<>();
    for (JobKind k : JobKind.values()) {
      for (Item i : items.get(k).values()) {
        boolean carries = k == JobKind.KEYWORD ? i.files.containsKey(fileId) : i.target.equals(fileId);
        if (carries) {
          out.add(new Scheduled(k, i.target, i.due, i.inFlight,
              k == JobKind.KEYWORD ? List.copyOf(i.files.keySet()) : List.of(i.target)));
        }
      }
    }
    return out;
  }

  /** Keyword items currently scheduled. */
  public int keywordItems() {
    return items.get(JobKind.KEYWORD).size();
  }
}
