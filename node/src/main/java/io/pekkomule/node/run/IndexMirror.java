package io.pekkomule.node.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.node.kad.index.IndexJournal;
import io.pekkomule.node.kad.index.IndexStore;
import io.pekkomule.persistence.Blob;
import io.pekkomule.persistence.index.IndexEntry;
import io.pekkomule.persistence.index.IndexKind;
import io.pekkomule.persistence.index.StoredIndex;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

/**
 * Mirrors what the node's {@link IndexStore} accepted into the event-sourced {@link StoredIndex}
 * (as {@link RoutingMirror} does for the routing table): one write in flight, at most {@code
 * maxWritesPerSecond}, a republication of a slot waiting to be written replaces the older one
 * (only the latest state is written), at most {@code queueMax} slots wait (beyond: dropped,
 * counted). Expired entries are dropped from the journal every {@code expireEvery}. An entry is
 * <em>acknowledged</em> once the journal replied: it survives a crash.
 *
 * <p>Only entries published by I2P senders are kept (the journal records the publisher's
 * destination).
 */
public final class IndexMirror {
  private IndexMirror() {}

  public sealed interface Command {}

  /** An entry the node accepted. */
  public record Accepted(IndexEntry entry) implements Command {}

  /** Replies when every queued write is acknowledged (graceful shutdown, tests). */
  public record Flush(ActorRef<Done> replyTo) implements Command {}

  /** The slots ({@code KIND/key/entry} in hex) acknowledged and not expired. */
  public record GetAcknowledged(ActorRef<List<String>> replyTo) implements Command {}

  private record Written(IndexEntry e, boolean ok, String error) implements Command {}

  private enum Drain implements Command {
    INSTANCE
  }

  private enum ExpireTick implements Command {
    INSTANCE
  }

  private record Expired(int n) implements Command {}

  /** Figures for metrics and the API. */
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

  /** The journal port the node is given: accepted entries go to {@code mirror}. */
  public static IndexJournal journal(ActorRef<Command> mirror, List<IndexStore.Accepted> recovered) {
    List<IndexStore.Accepted> copy = List.copyOf(recovered);
    return new IndexJournal() {
      @Override
      public void accepted(IndexStore.Accepted a, Endpoint from) {
        if (from instanceof I2pEndpoint i2p) {
          mirror.tell(new Accepted(toEntry(a, i2p)));
        }
      }

      @Override
      public List<IndexStore.Accepted> recovered() {
        return copy;
      }
    };
  }

  static IndexEntry toEntry(IndexStore.Accepted a, I2pEndpoint from) {
    Instant expires = Instant.ofEpochMilli(a.expires());
    IndexKind kind = IndexKind.valueOf(a.kind().name());
    Instant stored = expires.minus(kind.lifetime());
    return new IndexEntry(kind, a.key(), a.entryId(), from.destination(),
        Blob.of(a.tags().encode(TagWriter.PLAIN)), stored, expires);
  }

  /** A journal entry as the store takes it back; empty when its tags no longer decode. */
  public static Optional<IndexStore.Accepted> fromEntry(IndexEntry e) {
    try {
      TagList tags = TagList.decode(e.tags().toBytes(), 256, Limits.DEFAULT).value();
      return Optional.of(new IndexStore.Accepted(IndexStore.Kind.valueOf(e.kind().name()),
          e.key(), e.entryId(), new I2pEndpoint(e.publisher()).addressKey(), tags,
          e.expires().toEpochMilli()));
    } catch (DecodeException | RuntimeException ex) {
      return Optional.empty();
    }
  }

  /**
   * @param initiallyAcknowledged slots recovered from the journal at start
   */
  public static Behavior<Command> create(ActorRef<StoredIndex.Command> store, InstantSource clock,
      List<IndexEntry> initiallyAcknowledged, int maxWritesPerSecond, int queueMax,
      Duration expireEvery, Duration askTimeout, MeterRegistry registry, Stats stats) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Map<String, Instant> acked = new LinkedHashMap<>();
      initiallyAcknowledged.forEach(e -> acked.put(e.slot(), e.expires()));
      LinkedHashMap<String, IndexEntry> queue = new LinkedHashMap<>();
      List<ActorRef<Done>> flushWaiters = new ArrayList<>();
      long minGap = 1_000_000_000L / Math.max(1, maxWritesPerSecond);
      long[] last = {Long.MIN_VALUE / 2};
      boolean[] inFlight = {false};
      boolean[] armed = {false};
      stats.acknowledged.set(acked.size());
      Gauge.builder("persistence.index.acknowledged", stats, Stats::acknowledged)
          .description("Index entries the journal acknowledged (they survive a crash)")
          .strongReference(true).register(registry);
      Gauge.builder("persistence.index.pending", stats, Stats::pending)
          .description("Index entries waiting for the journal")
          .strongReference(true).register(registry);
      Counter dropped = Counter.builder("persistence.index.dropped")
          .description("Index entries not journalled because the write queue was full")
          .register(registry);
      timers.startTimerWithFixedDelay(ExpireTick.INSTANCE, expireEvery);
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        stats.pending.set(queue.size() + (inFlight[0] ? 1 : 0));
        if (inFlight[0]) {
          return;
        }
        if (queue.isEmpty()) {
          flushWaiters.forEach(w -> w.tell(Done.getInstance()));
          flushWaiters.clear();
          return;
        }
        long now = System.nanoTime();
        long wait = last[0] + minGap - now;
        if (wait > 0) {
          if (!armed[0]) {
            armed[0] = true;
            timers.startSingleTimer(Drain.INSTANCE, Duration.ofNanos(wait));
          }
          return;
        }
        var it = queue.entrySet().iterator();
        IndexEntry e = it.next().getValue();
        it.remove();
        inFlight[0] = true;
        last[0] = now;
        ctx.ask(castReply(), store, askTimeout, r -> new StoredIndex.Store(e, r),
            (ok, err) -> err != null ? new Written(e, false, err.toString())
                : ok.isSuccess() ? new Written(e, true, null)
                : new Written(e, false, ok.getError().getMessage()));
      };
      return Behaviors.receive(Command.class)
          .onMessage(Accepted.class, a -> {
            String slot = a.entry().slot();
            if (!queue.containsKey(slot) && queue.size() >= queueMax) {
              dropped.increment();
              return Behaviors.same();
            }
            queue.remove(slot);
            queue.put(slot, a.entry());
            next[0].run();
            return Behaviors.same();
          })
          .onMessage(Written.class, w -> {
            inFlight[0] = false;
            if (w.ok()) {
              acked.put(w.e().slot(), w.e().expires());
            } else {
              // refused (expired, full) or not acknowledged in time: not retried, the next
              // republication writes it again
              ctx.getLog().debug("index entry not journalled: {}", w.error());
            }
            stats.acknowledged.set(acked.size());
            next[0].run();
            return Behaviors.same();
          })
          .onMessageEquals(Drain.INSTANCE, () -> {
            armed[0] = false;
            next[0].run();
            return Behaviors.same();
          })
          .onMessageEquals(ExpireTick.INSTANCE, () -> {
            Instant now = clock.instant();
            acked.values().removeIf(x -> !x.isAfter(now));
            stats.acknowledged.set(acked.size());
            ctx.ask(Integer.class, store, askTimeout, r -> new StoredIndex.Expire(now, r),
                (n, err) -> new Expired(err == null ? n : 0));
            return Behaviors.same();
          })
          .onMessage(Expired.class, x -> Behaviors.same())
          .onMessage(Flush.class, f -> {
            flushWaiters.add(f.replyTo());
            next[0].run();
            return Behaviors.same();
          })
          .onMessage(GetAcknowledged.class, g -> {
            Instant now = clock.instant();
            g.replyTo().tell(acked.entrySet().stream().filter(x -> x.getValue().isAfter(now))
                .map(Map.Entry::getKey).sorted().toList());
            return Behaviors.same();
          })
          .build();
    }));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<StatusReply<Done>> castReply() {
    return (Class) StatusReply.class;
  }

  /** Slot text of a store entry (as {@link IndexEntry#slot()}). */
  public static String slot(IndexStore.Kind kind, KadId key, KadId entryId) {
    return kind.name() + '/' + key.toHex() + '/' + entryId.toHex();
  }
}
