package io.pekkomule.node.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.node.kad.routing.RemovalReason;
import io.pekkomule.node.kad.routing.RoutingContact;
import io.pekkomule.node.kad.routing.RoutingEffect;
import io.pekkomule.persistence.buckets.EvictionReason;
import io.pekkomule.persistence.buckets.RoutingBuckets;
import io.pekkomule.persistence.buckets.StoredContact;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Mirrors the routing table into the event-sourced {@link RoutingBuckets}: it watches the table's
 * state effects ({@code KadNode.WatchRouting}) and turns them into store commands, one in flight
 * at a time, at most {@code maxWritesPerSecond}, with a bounded queue.
 *
 * <table>
 *   <tr><th>routing effect</th><th>store command</th></tr>
 *   <tr><td>ContactAdded, ContactUpdated</td><td>UpdateContact (adds an unknown contact; a pure
 *       liveness refresh is coalesced by the store: one ContactSeen per contact per 10 min)</td></tr>
 *   <tr><td>ContactVerified</td><td>VerifyContact</td></tr>
 *   <tr><td>ContactRemoved</td><td>EvictContact</td></tr>
 *   <tr><td>CandidateCached</td><td>CacheCandidate</td></tr>
 *   <tr><td>SendHello (small timer, class may have fallen)</td><td>AgeContact</td></tr>
 * </table>
 *
 * <p>A pending update of a contact is replaced by a newer one (only the latest state is written).
 * A contact is <em>acknowledged</em> once the store replied to its add/update: it is in the
 * journal and survives a crash. A checkpoint is sent every {@code checkpointEvery}.
 */
public final class RoutingMirror {
  private RoutingMirror() {}

  /** The mirror's messages: {@link RoutingEffect}s from the table, and these. */
  public sealed interface Command {}

  /** Replies when every write queued so far is acknowledged (graceful shutdown). */
  public record Flush(ActorRef<Done> replyTo) implements Command {}

  /** The contacts the store acknowledged and still holds. */
  public record GetAcknowledged(ActorRef<Set<KadId>> replyTo) implements Command {}

  private record Written(Pending p) implements Command {}

  private record WriteFailed(Pending p, Throwable cause) implements Command {}

  private enum Drain implements Command {
    INSTANCE
  }

  private enum CheckpointTick implements Command {
    INSTANCE
  }

  private record Pending(KadId id, String kind,
      BiFunction<Instant, ActorRef<Done>, RoutingBuckets.Command> command) {}

  /** Figures for the metrics and the API. */
  public static final class Stats {
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger pending = new AtomicInteger();

    public int acknowledged() {
      return acknowledged.get();
    }

    public int pending() {
      return pending.get();
    }
  }

  /**
   * @param initiallyAcknowledged contacts already in the store (recovered at start)
   * @param queueMax writes held at most; beyond it new liveness updates are dropped (counted)
   */
  public static Behavior<Object> create(ActorRef<RoutingBuckets.Command> store,
      InstantSource clock, Set<KadId> initiallyAcknowledged, int maxWritesPerSecond, int queueMax,
      Duration checkpointEvery, Duration askTimeout, MeterRegistry registry, Stats stats) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Impl(ctx, timers, store,
        clock, initiallyAcknowledged, maxWritesPerSecond, queueMax, checkpointEvery, askTimeout,
        registry, stats).behavior()));
  }

  private static final class Impl {
    private final ActorContext<Object> ctx;
    private final TimerScheduler<Object> timers;
    private final ActorRef<RoutingBuckets.Command> store;
    private final InstantSource clock;
    private final Set<KadId> acknowledged;
    private final long minGapNanos;
    private final int queueMax;
    private final Duration askTimeout;
    private final Stats stats;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** The queued liveness update of each contact, replaced by newer ones. */
    private final Map<KadId, Pending> queuedUpdate = new HashMap<>();
    private final List<ActorRef<Done>> flushWaiters = new ArrayList<>();
    private final Counter dropped;
    private final Counter failed;
    private final MeterRegistry registry;
    private boolean inFlight;
    private long lastWriteNanos = Long.MIN_VALUE / 2;
    private boolean drainArmed;

    Impl(ActorContext<Object> ctx, TimerScheduler<Object> timers,
        ActorRef<RoutingBuckets.Command> store, InstantSource clock, Set<KadId> initial,
        int maxWritesPerSecond, int queueMax, Duration checkpointEvery, Duration askTimeout,
        MeterRegistry registry, Stats stats) {
      this.ctx = ctx;
      this.timers = timers;
      this.store = store;
      this.clock = clock;
      this.acknowledged = new HashSet<>(initial);
      this.minGapNanos = 1_000_000_000L / Math.max(1, maxWritesPerSecond);
      this.queueMax = queueMax;
      this.askTimeout = askTimeout;
      this.stats = stats;
      this.registry = registry;
      stats.acknowledged.set(acknowledged.size());
      Gauge.builder("persistence.contacts.acknowledged", stats, Stats::acknowledged)
          .description("Routing contacts the journal acknowledged (they survive a crash)")
          .strongReference(true).register(registry);
      Gauge.builder("persistence.writes.pending", stats, Stats::pending)
          .description("Routing-table writes waiting for the journal")
          .strongReference(true).register(registry);
      dropped = Counter.builder("persistence.writes.dropped")
          .description("Liveness updates dropped because the write queue was full")
          .register(registry);
      failed = Counter.builder("persistence.writes.failed")
          .description("Writes the journal did not acknowledge in time (retried once)")
          .register(registry);
      timers.startTimerWithFixedDelay(CheckpointTick.INSTANCE, checkpointEvery);
    }

    Behavior<Object> behavior() {
      return Behaviors.receive(Object.class)
          .onMessage(RoutingEffect.class, e -> {
            onEffect(e);
            return Behaviors.same();
          })
          .onMessage(Written.class, w -> {
            inFlight = false;
            written(w.p());
            next();
            return Behaviors.same();
          })
          .onMessage(WriteFailed.class, f -> {
            inFlight = false;
            failed.increment();
            ctx.getLog().warn("routing write {} not acknowledged: {}", f.p().kind(),
                f.cause().toString());
            queue.addFirst(f.p());
            arm(Duration.ofSeconds(1));
            return Behaviors.same();
          })
          .onMessageEquals(Drain.INSTANCE, () -> {
            drainArmed = false;
            next();
            return Behaviors.same();
          })
          .onMessageEquals(CheckpointTick.INSTANCE, () -> {
            enqueue(new Pending(null, "checkpoint", (at, r) -> new RoutingBuckets.Checkpoint(at, r)));
            return Behaviors.same();
          })
          .onMessage(Flush.class, f -> {
            enqueue(new Pending(null, "checkpoint", (at, r) -> new RoutingBuckets.Checkpoint(at, r)));
            flushWaiters.add(f.replyTo());
            return Behaviors.same();
          })
          .onMessage(GetAcknowledged.class, g -> {
            g.replyTo().tell(Set.copyOf(acknowledged));
            return Behaviors.same();
          })
          .build();
    }

    private void onEffect(RoutingEffect e) {
      RoutingContact subject = subject(e);
      if (subject != null && !persisted(subject)) {
        return;
      }
      if (e instanceof RoutingEffect.ContactAdded a) {
        update(a.contact(), "add");
      } else if (e instanceof RoutingEffect.ContactUpdated u) {
        update(u.contact(), "update");
      } else if (e instanceof RoutingEffect.ContactVerified v) {
        KadId id = v.contact().id();
        enqueue(new Pending(id, "verify", (at, r) -> new RoutingBuckets.VerifyContact(id, at, r)));
      } else if (e instanceof RoutingEffect.ContactRemoved r) {
        KadId id = r.contact().id();
        EvictionReason why = r.reason() == RemovalReason.DEAD ? EvictionReason.DEAD
            : EvictionReason.REQUESTED;
        Pending stale = queuedUpdate.remove(id);
        if (stale != null) {
          queue.remove(stale);
        }
        enqueue(new Pending(id, "evict", (at, rp) -> new RoutingBuckets.EvictContact(id, why, at,
            rp)));
      } else if (e instanceof RoutingEffect.CandidateCached c) {
        RoutingContact rc = c.candidate();
        if (queue.size() >= queueMax) {
          dropped.increment();
          return;
        }
        enqueue(new Pending(rc.id(), "cache", (at, r) -> new RoutingBuckets.CacheCandidate(
            stored(rc, at), r)));
      } else if (e instanceof RoutingEffect.SendHello h) {
        RoutingContact rc = h.contact();
        if (queue.size() >= queueMax) {
          dropped.increment();
          return;
        }
        enqueue(new Pending(rc.id(), "age", (at, r) -> new RoutingBuckets.AgeContact(rc.id(),
            rc.type(), expires(rc), at, r)));
      }
    }

    private static RoutingContact subject(RoutingEffect e) {
      if (e instanceof RoutingEffect.ContactAdded a) {
        return a.contact();
      } else if (e instanceof RoutingEffect.ContactUpdated u) {
        return u.contact();
      } else if (e instanceof RoutingEffect.ContactVerified v) {
        return v.contact();
      } else if (e instanceof RoutingEffect.ContactRemoved r) {
        return r.contact();
      } else if (e instanceof RoutingEffect.CandidateCached c) {
        return c.candidate();
      } else if (e instanceof RoutingEffect.SendHello h) {
        return h.contact();
      }
      return null;
    }

    private void update(RoutingContact c, String kind) {
      Pending p = new Pending(c.id(), kind, (at, r) -> new RoutingBuckets.UpdateContact(
          stored(c, at), r));
      Pending old = queuedUpdate.put(c.id(), p);
      if (old != null) {
        // only the latest state of a contact is written
        int i = 0;
        ArrayDeque<Pending> copy = new ArrayDeque<>(queue.size());
        for (Pending q : queue) {
          copy.add(q == old ? p : q);
          i++;
        }
        queue.clear();
        queue.addAll(copy);
        return;
      }
      if (queue.size() >= queueMax && !"add".equals(kind)) {
        queuedUpdate.remove(c.id());
        dropped.increment();
        return;
      }
      enqueue(p);
    }

    private void enqueue(Pending p) {
      queue.add(p);
      stats.pending.set(queue.size() + (inFlight ? 1 : 0));
      next();
    }

    private void next() {
      stats.pending.set(queue.size() + (inFlight ? 1 : 0));
      if (inFlight) {
        return;
      }
      if (queue.isEmpty()) {
        if (!flushWaiters.isEmpty()) {
          flushWaiters.forEach(w -> w.tell(Done.getInstance()));
          flushWaiters.clear();
        }
        return;
      }
      long now = System.nanoTime();
      long wait = lastWriteNanos + minGapNanos - now;
      if (wait > 0) {
        arm(Duration.ofNanos(wait));
        return;
      }
      Pending p = queue.poll();
      if (p.id() != null && queuedUpdate.get(p.id()) == p) {
        queuedUpdate.remove(p.id());
      }
      inFlight = true;
      lastWriteNanos = now;
      Instant at = clock.instant();
      ctx.ask(Done.class, store, askTimeout, r -> p.command().apply(at, r),
          (ok, err) -> err == null ? new Written(p) : new WriteFailed(p, err));
    }

    private void arm(Duration d) {
      if (!drainArmed) {
        drainArmed = true;
        timers.startSingleTimer(Drain.INSTANCE, d);
      }
    }

    private void written(Pending p) {
      if (p.id() == null) {
        return;
      }
      switch (p.kind()) {
        case "add", "update" -> acknowledged.add(p.id());
        case "evict" -> acknowledged.remove(p.id());
        default -> { }
      }
      stats.acknowledged.set(acknowledged.size());
    }
  }

  /** Whether the store keeps this contact: I2P contacts only. */
  static boolean persisted(RoutingContact c) {
    return c.dest() instanceof I2pEndpoint;
  }

  static Optional<Instant> expires(RoutingContact c) {
    return c.expiresMillis() == 0 ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(c.expiresMillis()));
  }

  /**
   * The store's record of a table entry, seen {@code at}. Only I2P contacts are stored (the
   * store keeps iMule's contacts; {@link #persisted} filters the others out first).
   */
  static StoredContact stored(RoutingContact c, Instant at) {
    I2pDestination dest = ((I2pEndpoint) c.dest()).destination();
    return new StoredContact(c.id(), dest, c.version(), c.udpKey().key(),
        c.udpKey().receivedOnHash(), c.verified(), c.type(),
        Instant.ofEpochMilli(c.createdMillis()), expires(c), at, false);
  }
}
