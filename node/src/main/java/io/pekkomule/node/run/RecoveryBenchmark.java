package io.pekkomule.node.run;

import com.typesafe.config.Config;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.persistence.NodeStore;
import io.pekkomule.persistence.SchemaBootstrap;
import io.pekkomule.persistence.buckets.EvictionReason;
import io.pekkomule.persistence.buckets.RecoveryReport;
import io.pekkomule.persistence.buckets.RoutingBuckets;
import io.pekkomule.persistence.buckets.StoredContact;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code bench recovery}: how long the routing buckets take to recover after a long history.
 * Writes a simulated history of {@code days} into the journal of a data directory — a full
 * routing table of {@code contacts} (plus a replacement cache), every contact seen once per
 * {@code step}, 5 % of the table replaced per step (evicted, a newcomer added, a candidate
 * cached), periodic checkpoints — through the real entity (snapshot every 500 events, older events
 * deleted), then starts a fresh actor system on the same journal and measures (1) recovery: from
 * the first command to the entity until it answers (snapshot + remaining events), and (2) the
 * downtime ageing ({@code ApplyDowntime}) for a downtime of 1 hour and of the whole history.
 */
public final class RecoveryBenchmark {
  private RecoveryBenchmark() {}

  /** The figures. */
  public record Result(int contacts, int candidates, long days, long events, long writeMillis,
      long journalStartMillis, long recoveryMillis, long warmRecoveryMillis, long ageingHourMillis, long recoveryYearMillis, long ageingYearMillis,
      int survivorsAfterYear) {
    public String line() {
      return String.format(Locale.ROOT, "recovery contacts=%d history_days=%d events=%d"
          + " journal_start_ms=%d recovery_ms=%d recovery_warm_ms=%d ageing_1h_ms=%d recovery_after_%dd_down_ms=%d ageing_%dd_ms=%d"
          + " survivors_after_%dd=%d", contacts, days, events, journalStartMillis, recoveryMillis, warmRecoveryMillis, ageingHourMillis,
          days, recoveryYearMillis, days, ageingYearMillis, days, survivorsAfterYear);
    }
  }

  private static final Duration ASK = Duration.ofSeconds(60);

  private static final class SkipWrite extends Exception {
    SkipWrite() {
      super(null, null, false, false);
    }
  }

  public static Result run(Config base, Path dataDir, int contacts, long days, Duration step,
      Consumer<String> progress) throws Exception {
    return run(base, dataDir, contacts, days, step, false, progress);
  }

  /** @param recoverOnly measure a journal written by an earlier run (figures of the history: 0) */
  public static Result run(Config base, Path dataDir, int contacts, long days, Duration step,
      boolean recoverOnly, Consumer<String> progress) throws Exception {
    Config config = JournalConfig.forDataDir(base, dataDir)
        .withFallback(base);
    SplittableRandom rnd = new SplittableRandom(2024);
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    Instant end = start.plus(Duration.ofDays(days));
    long events = 0;
    long writeStart = System.nanoTime();
    Set<Integer> hashes = new HashSet<>();
    ActorSystem<Void> writer = recoverOnly ? null
        : ActorSystem.create(Behaviors.empty(), "bench-recovery-write", config);
    try {
      if (recoverOnly) {
        throw new SkipWrite();
      }
      SchemaBootstrap.ensureSchema(config);
      ActorRef<RoutingBuckets.Command> b = NodeStore.get(writer).buckets();
      List<KadId> table = new ArrayList<>(contacts);
      List<CompletableFuture<Done>> batch = new ArrayList<>();
      for (int i = 0; i < contacts; i++) {
        StoredContact c = contact(rnd, hashes, start, true);
        table.add(c.id());
        add(batch, ask(writer, b, r -> new RoutingBuckets.AddContact(c, r)));
        events++;
      }
      await(batch);
      long steps = Duration.ofDays(days).toNanos() / step.toNanos();
      int churn = Math.max(1, contacts / 20);
      for (long s = 1; s <= steps; s++) {
        Instant at = start.plus(step.multipliedBy(s));
        for (KadId id : table) {
          int type = rnd.nextInt(3);
          add(batch, ask(writer, b, r -> new RoutingBuckets.RecordSeen(id, at, type,
              Optional.of(at.plus(Duration.ofHours(1))), r)));
          events++;
        }
        for (int k = 0; k < churn; k++) {
          int victim = rnd.nextInt(table.size());
          KadId gone = table.get(victim);
          add(batch, ask(writer, b, r -> new RoutingBuckets.EvictContact(gone,
              EvictionReason.DEAD, at, r)));
          StoredContact fresh = contact(rnd, hashes, at, rnd.nextBoolean());
          table.set(victim, fresh.id());
          add(batch, ask(writer, b, r -> new RoutingBuckets.AddContact(fresh, r)));
          StoredContact cand = contact(rnd, hashes, at, false);
          add(batch, ask(writer, b, r -> new RoutingBuckets.CacheCandidate(cand, r)));
          events += 3;
        }
        add(batch, ask(writer, b, r -> new RoutingBuckets.Checkpoint(at, r)));
        events++;
        if (s % Math.max(1, steps / 10) == 0) {
          progress.accept(String.format(Locale.ROOT, "history: %d of %d days, %d commands",
              Duration.between(start, at).toDays(), days, events));
        }
      }
      await(batch);
    } catch (SkipWrite skip) {
      // an earlier run wrote the history
    } finally {
      if (writer != null) {
        terminate(writer);
      }
    }
    long writeMillis = (System.nanoTime() - writeStart) / 1_000_000;

    // a fresh system: recovery (cold JVM: first use of the journal and CBOR code), then again in
    // another fresh system (warm JVM), then with 1 hour of downtime applied
    long[] cold = recover(config, Optional.empty());
    long[] warm = recover(config, Optional.empty());
    long[] r1 = recover(config, end.plus(Duration.ofHours(1)));
    // once more: the same journal after a downtime as long as the whole history
    long[] r2 = recover(config, end.plus(Duration.ofHours(1)).plus(Duration.ofDays(days)));
    int candidates = (int) r1[3];
    return new Result(contacts, candidates, days, events, writeMillis, cold[4], cold[0], warm[0],
        r1[1], r2[0], r2[1], (int) r2[2]);
  }

  /** {recovery ms, ageing ms, contacts after, candidates}. */
  private static long[] recover(Config config, Instant now) throws Exception {
    return recover(config, Optional.of(now));
  }

  private static long[] recover(Config config, Optional<Instant> ageAt) throws Exception {
    ActorSystem<Void> reader = ActorSystem.create(Behaviors.empty(), "bench-recovery-read", config);
    try {
      SchemaBootstrap.ensureSchema(config);
      // start the journal plugin and its pool with the small identity entity first, so the
      // figure is the buckets' recovery, not the plugin's start-up
      long tw = System.nanoTime();
      io.pekkomule.persistence.identity.IdentityStore.find(reader).toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
      long journalStart = (System.nanoTime() - tw) / 1_000_000;
      ActorRef<RoutingBuckets.Command> b = NodeStore.get(reader).buckets();
      long t0 = System.nanoTime();
      RecoveryReport before = AskPattern.<RoutingBuckets.Command, RecoveryReport>ask(b,
          RoutingBuckets.GetContacts::new, ASK, reader.scheduler())
          .toCompletableFuture().get(120, TimeUnit.SECONDS);
      long t1 = System.nanoTime();
      RecoveryReport after = ageAt.isEmpty() ? before
          : AskPattern.<RoutingBuckets.Command, RecoveryReport>ask(b,
              r -> new RoutingBuckets.ApplyDowntime(ageAt.get(), r), ASK, reader.scheduler())
              .toCompletableFuture().get(120, TimeUnit.SECONDS);
      long t2 = System.nanoTime();
      return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, after.contacts().size(),
          before.candidates().size(), journalStart};
    } finally {
      terminate(reader);
    }
  }

  private static StoredContact contact(SplittableRandom rnd, Set<Integer> hashes, Instant at,
      boolean verified) {
    KadId id;
    do {
      id = KadId.random(rnd);
    } while (id.isZero());
    byte[] d = new byte[I2pDestination.BYTES];
    int hash;
    do {
      rnd.nextBytes(d);
      hash = (d[0] & 0xFF) | (d[1] & 0xFF) << 8 | (d[2] & 0xFF) << 16 | (d[3] & 0xFF) << 24;
    } while (hash == 0 || !hashes.add(hash));
    d[384] = 0;
    d[385] = 0;
    d[386] = 0;
    return new StoredContact(id, I2pDestination.of(d), 8, rnd.nextLong(1L << 32), 7, verified,
        rnd.nextInt(4), at, Optional.empty(), at, false);
  }

  /** Commands in flight at most: the entity stashes while it persists (stash capacity 1000). */
  private static final int IN_FLIGHT = 400;

  private static CompletableFuture<Done> ask(ActorSystem<?> s, ActorRef<RoutingBuckets.Command> b,
      java.util.function.Function<ActorRef<Done>, RoutingBuckets.Command> f) {
    return AskPattern.ask(b, f::apply, ASK, s.scheduler()).toCompletableFuture();
  }

  private static void add(List<CompletableFuture<Done>> batch, CompletableFuture<Done> f)
      throws Exception {
    batch.add(f);
    if (batch.size() >= IN_FLIGHT) {
      await(batch);
    }
  }

  private static void await(List<CompletableFuture<Done>> batch) throws Exception {
    CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    batch.clear();
  }

  private static void terminate(ActorSystem<?> s) throws Exception {
    s.terminate();
    s.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
