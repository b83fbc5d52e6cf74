package io.pekkomule.node.shaper;

import io.pekkomule.node.shaper.ShaperMetrics.CoverOutcome;
import io.pekkomule.node.shaper.ShaperMetrics.DeferReason;
import io.pekkomule.node.shaper.ShaperMetrics.DropReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shaper's whole policy as a plain, single-threaded, clock-injected state machine: the
 * Pekko stage only feeds it intents and timer wake-ups and pushes what it returns. Harnesses run
 * it on virtual time directly.
 *
 * <p>Pipeline for one intent: {@link #offer} draws its delay from the class distribution (a
 * random due time; the waiting queue is ordered by it, so processing order is lost); at its due
 * time it moves into the bounded shuffle buffer; {@link #poll} picks a uniformly random entry of
 * that buffer, drops it if its deadline passed, defers it (never bursts) if a per-peer or global
 * cap would be exceeded, and otherwise emits it. In constant-rate mode {@link #poll} emits at most
 * one datagram per slot and fills empty slots with cover.
 *
 * <p>Randomness comes from one seeded {@link SplittableRandom}, split into independent streams
 * for delays, picks, cap jitter and cover, so delays depend only on the seed and the order of
 * offers, not on timing.
 */
public final class ShaperCore {
  private static final class Entry {
    final OutboundIntent intent;
    final OpcodeFamily family;
    final int peer;
    final long seq;
    final long enqueued;
    final long deadline;
    final long tie;
    final boolean cover;
    /** The delay was drawn from the class's whole law (no deadline cut it short). */
    boolean fullLaw;
    long due;
    int deferrals;
    boolean slotWaitCounted;

    Entry(OutboundIntent intent, long seq, long enqueued, long due, long deadline, long tie,
        boolean cover) {
      this.intent = intent;
      this.family = intent.family();
      this.peer = (int) intent.destination().addressKey().value(); // per-address caps (iMule: dest hash)
      this.seq = seq;
      this.enqueued = enqueued;
      this.due = due;
      this.deadline = deadline;
      this.tie = tie;
      this.cover = cover;
    }
  }

  private final ShaperSettings settings;
  private final DelayDistribution[] dist = new DelayDistribution[UrgencyClass.values().length];
  private final long[] maxAge = new long[UrgencyClass.values().length];
  private final ShaperMetrics metrics;
  private final CoverGenerator coverGenerator;
  private final RateCaps caps;
  private final SplittableRandom delayRnd;
  private final SplittableRandom pickRnd;
  private final SplittableRandom jitterRnd;
  private final SplittableRandom coverRnd;
  private final boolean fifoPick;

  private final PriorityQueue<Entry> waiting =
      new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.tie));
  private final ArrayList<Entry> ready = new ArrayList<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger peerBuckets = new AtomicInteger();
  private long seq;
  private final long coverMeanNanos;
  private long nextCoverAt = Long.MAX_VALUE;
  private final long slotMeanNanos;
  private long nextSlotAt = Long.MAX_VALUE;
  private boolean started;

  public ShaperCore(ShaperSettings settings, long seed, ShaperMetrics metrics, CoverGenerator cover) {
    this(settings, seed, metrics, cover, false);
  }

  /** {@code fifoPick} disables the shuffle pick: only for negative controls in tests. */
  ShaperCore(ShaperSettings settings, long seed, ShaperMetrics metrics, CoverGenerator cover,
      boolean fifoPick) {
    this.settings = settings;
    for (UrgencyClass c : UrgencyClass.values()) {
      dist[c.ordinal()] = settings.distribution(c);
      maxAge[c.ordinal()] = settings.classes().get(c).maxAge().toNanos();
    }
    this.metrics = metrics;
    this.coverGenerator = cover;
    this.caps = new RateCaps(settings.caps());
    SplittableRandom root = new SplittableRandom(seed);
    this.delayRnd = root.split();
    this.pickRnd = root.split();
    this.jitterRnd = root.split();
    this.coverRnd = root.split();
    this.fifoPick = fifoPick;
    this.coverMeanNanos =
        settings.coverPerMinute() > 0 ? Math.round(60e9 / settings.coverPerMinute()) : 0;
    this.slotMeanNanos = settings.constantRate() ? Math.round(1e9 / settings.slotsPerSecond()) : 0;
    metrics.gauges(queued::get, peerBuckets::get);
  }

  public ShaperSettings settings() {
    return settings;
  }

  /** Starts the shaper's own timers (cover, slots) at {@code now}; idempotent. */
  public void start(long now) {
    if (started) {
      return;
    }
    started = true;
    if (coverMeanNanos > 0) {
      nextCoverAt = now + IntervalPolicy.coverGap(coverMeanNanos, coverRnd);
    }
    if (slotMeanNanos > 0) {
      nextSlotAt = now + IntervalPolicy.slotGap(slotMeanNanos, coverRnd);
    }
  }

  /** Accepts an intent at {@code now}; false when it was dropped (counted). */
  public boolean offer(OutboundIntent intent, long now) {
    start(now);
    metrics.intent(intent.urgency(), intent.origin());
    return admit(intent, now, false);
  }

  private boolean admit(OutboundIntent intent, long now, boolean cover) {
    if (queued.get() >= settings.maxQueued()) {
      metrics.dropped(DropReason.QUEUE_FULL);
      return false;
    }
    int c = intent.urgency().ordinal();
    long limit = Math.min(maxAge[c], saturatingNanos(intent));
    DelayDistribution d = dist[c];
    if (limit <= d.floorNanos()) {
      metrics.dropped(DropReason.DEADLINE_UNREACHABLE);
      return false;
    }
    long delay = d.sampleAtMost(limit, delayRnd);
    Entry e = new Entry(intent, seq++, now, now + delay, now + limit, delayRnd.nextLong(), cover);
    e.fullLaw = limit >= d.ceilingNanos();
    waiting.add(e);
    queued.incrementAndGet();
    return true;
  }

  private static long saturatingNanos(OutboundIntent i) {
    try {
      return i.deadline().toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /** Runs the shaper's own timers that are due at {@code now} (cover generation). */
  private void runTimers(long now) {
    if (now >= nextCoverAt) {
      Optional<OutboundIntent> c = coverGenerator.next();
      if (c.isPresent()) {
        OutboundIntent i = asCover(c.get());
        metrics.intent(i.urgency(), i.origin());
        if (admit(i, now, true)) {
          metrics.cover(CoverOutcome.QUEUED);
        }
      } else {
        metrics.cover(CoverOutcome.EMPTY);
      }
      nextCoverAt = Math.max(nextCoverAt, now - coverMeanNanos)
          + IntervalPolicy.coverGap(coverMeanNanos, coverRnd);
      if (nextCoverAt <= now) {
        nextCoverAt = now + IntervalPolicy.coverGap(coverMeanNanos, coverRnd);
      }
    }
  }

  private static OutboundIntent asCover(OutboundIntent i) {
    return new OutboundIntent(i.destination(), i.opcode(), i.datagram(),
        UrgencyClass.OPPORTUNISTIC, i.deadline(), Origin.COVER);
  }

  private void refill(long now) {
    while (ready.size() < settings.shuffleBuffer() && !waiting.isEmpty()
        && waiting.peek().due <= now) {
      Entry e = waiting.poll();
      if (now > e.deadline) {
        drop(DropReason.DEADLINE);
      } else {
        ready.add(e);
      }
    }
  }

  private void drop(DropReason r) {
    queued.decrementAndGet();
    metrics.dropped(r);
  }

  private Entry takeRandomReady() {
    int idx = fifoPick ? indexOfOldest() : pickRnd.nextInt(ready.size());
    Entry e = ready.get(idx);
    int last = ready.size() - 1;
    ready.set(idx, ready.get(last));
    ready.remove(last);
    return e;
  }

  private int indexOfOldest() {
    int best = 0;
    for (int i = 1; i < ready.size(); i++) {
      if (ready.get(i).seq < ready.get(best).seq) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The next datagram to send at {@code now}, or null. Call repeatedly while there is demand;
   * then wake up at {@link #nextWake}.
   */
  public Emission poll(long now) {
    start(now);
    runTimers(now);
    boolean slotted = slotMeanNanos > 0;
    if (slotted && now < nextSlotAt) {
      markSlotWaits(now);
      return null;
    }
    refill(now);
    while (!ready.isEmpty()) {
      Entry e = takeRandomReady();
      if (now > e.deadline) {
        drop(DropReason.DEADLINE);
        continue;
      }
      RateCaps.Block block = caps.blockedBy(e.peer, e.family, now);
      if (block != RateCaps.Block.NONE) {
        defer(e, block, now);
        refill(now);
        continue;
      }
      caps.consume(e.peer, e.family, now);
      peerBuckets.lazySet(caps.trackedPeerBuckets());
      queued.decrementAndGet();
      long scheduled = e.due;
      if (slotted) {
        scheduled = Math.max(e.due, nextSlotAt);
        nextSlotAt = now + IntervalPolicy.slotGap(slotMeanNanos, coverRnd);
      }
      metrics.sent(e.intent.urgency(), e.family, now - e.enqueued, now - scheduled);
      if (e.fullLaw && !e.cover) {
        metrics.sampled(e.intent.urgency(), now - e.enqueued);
      }
      return new Emission(e.intent, e.seq, e.enqueued, scheduled, now, e.deferrals, e.cover);
    }
    if (slotted) {
      return fillSlot(now);
    }
    return null;
  }

  private void markSlotWaits(long now) {
    // Entries already due but waiting for a slot: counted once each, as a deferral.
    for (Entry e : ready) {
      if (!e.slotWaitCounted) {
        e.slotWaitCounted = true;
        metrics.deferred(DeferReason.SLOT);
      }
    }
    if (!waiting.isEmpty() && waiting.peek().due <= now && !waiting.peek().slotWaitCounted) {
      waiting.peek().slotWaitCounted = true;
      metrics.deferred(DeferReason.SLOT);
    }
  }

  private Emission fillSlot(long now) {
    long slotAt = nextSlotAt;
    nextSlotAt = now + IntervalPolicy.slotGap(slotMeanNanos, coverRnd);
    Optional<OutboundIntent> c = coverGenerator.next();
    if (c.isEmpty()) {
      metrics.cover(CoverOutcome.EMPTY);
      return null;
    }
    OutboundIntent i = asCover(c.get());
    int peer = (int) i.destination().addressKey().value();
    if (caps.blockedBy(peer, i.family(), now) != RateCaps.Block.NONE) {
      metrics.cover(CoverOutcome.CAPPED);
      return null;
    }
    caps.consume(peer, i.family(), now);
    metrics.intent(i.urgency(), i.origin());
    metrics.cover(CoverOutcome.SENT_IN_SLOT);
    metrics.sent(i.urgency(), i.family(), 0, now - slotAt);
    return new Emission(i, seq++, now, slotAt, now, 0, true);
  }

  private void defer(Entry e, RateCaps.Block block, long now) {
    long at = caps.conformingAt(e.peer, e.family, now);
    long span = block == RateCaps.Block.PEER ? caps.peerInterval(e.family) : Math.max(at - now, 1_000_000);
    long due = at + IntervalPolicy.releaseJitter(
        Math.round(settings.caps().releaseJitter() * span), jitterRnd);
    metrics.deferred(block == RateCaps.Block.PEER ? DeferReason.PEER_CAP : DeferReason.GLOBAL_CAP);
    if (due > e.deadline) {
      drop(DropReason.DEADLINE);
      return;
    }
    e.due = due;
    e.deferrals++;
    waiting.add(e);
  }

  /**
   * When the caller should next call {@link #poll} if there is demand: now (something is ready),
   * the next due time, the next cover or slot time, or {@link Long#MAX_VALUE}.
   */
  public long nextWake(long now) {
    long w = Math.min(nextCoverAt, nextSlotAt);
    if (!ready.isEmpty()) {
      return slotMeanNanos > 0 ? Math.max(now, Math.min(w, nextSlotAt)) : now;
    }
    if (!waiting.isEmpty()) {
      long due = waiting.peek().due;
      w = Math.min(w, slotMeanNanos > 0 ? Math.max(due, nextSlotAt) : due);
    }
    return w;
  }

  /** Intents held (waiting or in the shuffle buffer). */
  public int queued() {
    return queued.get();
  }

  /** Drops everything still queued (node shutdown), counted. */
  public void shutdown() {
    int n = queued.getAndSet(0);
    waiting.clear();
    ready.clear();
    for (int i = 0; i < n; i++) {
      metrics.dropped(DropReason.SHUTDOWN);
    }
  }
}
