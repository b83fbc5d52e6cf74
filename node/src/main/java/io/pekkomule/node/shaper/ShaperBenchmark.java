package io.pekkomule.node.shaper;

import com.typesafe.config.ConfigFactory;
import io.pekkomule.node.contract.SyntheticPeers;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Throughput and cost of the whole materialized graph on the real scheduler: an open-loop
 * generator offers intents at a fixed rate to {@code peers} destinations (request and reply
 * opcodes mixed, all three classes) for {@code seconds}; after the first class ceiling has passed
 * (steady state) it counts datagrams reaching the transport, process CPU time and each send's
 * lateness (actual minus scheduled). Per-peer caps stay in force; global caps are lifted to twice
 * the offered rate, because they would otherwise measure the policy, not the graph.
 */
public final class ShaperBenchmark {
  private static final int[] OPS = {0x11, 0x14, 0x18, 0x13, 0x17, 0x1B, 0x10, 0x1F, 0x0F, 0x1E};

  /** The figures of one run. */
  public record Result(int peers, double offeredPerS, double intentsPerS, double cpuCorePct,
      double latenessP99Ms, double latenessMaxMs, long sent, long dropped, long deferred,
      double tickMs) {
    public String line() {
      return String.format(Locale.ROOT,
          "shaper intents_per_s=%.1f cpu_core_pct=%.2f lateness_p99_ms=%.1f", intentsPerS,
          cpuCorePct, latenessP99Ms);
    }

    public String detail() {
      return String.format(Locale.ROOT,
          "peers=%d offered_per_s=%.0f sent=%d dropped=%d deferred=%d lateness_max_ms=%.1f tick_ms=%.0f",
          peers, offeredPerS, sent, dropped, deferred, latenessMaxMs, tickMs);
    }
  }

  private ShaperBenchmark() {}

  public static Result run(ShaperSettings configured, int seconds, int peerCount, double rate) {
    ShaperSettings s = configured.withCaps(configured.caps().withGlobal(
        (int) Math.min(600_000, Math.max(configured.caps().totalPerMinute(), rate * 120))));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "shaper-bench",
        ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING")
            .withFallback(ConfigFactory.load()));
    try {
      long tick = system.settings().config().getDuration("pekko.scheduler.tick-duration").toNanos();
      SyntheticPeers peers = new SyntheticPeers(peerCount);
      long warmup = s.classes().values().stream().mapToLong(p -> p.ceiling().toNanos()).max().orElse(0);
      warmup = Math.min(warmup, TimeUnit.SECONDS.toNanos(seconds) / 2);
      long start = System.nanoTime();
      long measureFrom = start + warmup;
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      long[] lateness = new long[(int) Math.min(50_000_000, rate * seconds * 1.2 + 1000)];
      AtomicLong counted = new AtomicLong();
      RecordingTransport wire = new RecordingTransport(false, ShaperClock.SYSTEM);
      Shaper shaper = Shaper.builder(system, s, wire).seed(1).probe(e -> {
        if (e.emittedNanos() >= measureFrom && e.emittedNanos() < end) {
          long i = counted.getAndIncrement();
          if (i < lateness.length) {
            lateness[(int) i] = e.latenessNanos();
          }
        }
      }).start();
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      SplittableRandom rnd = new SplittableRandom(2);
      UrgencyClass[] classes = UrgencyClass.values();
      long offered = 0;
      long cpuFrom = -1;
      int peer = 0;
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        if (cpuFrom < 0 && now >= measureFrom) {
          cpuFrom = os.getProcessCpuTime();
        }
        long due = (long) ((now - start) / 1e9 * rate);
        for (; offered < due; offered++) {
          UrgencyClass c = classes[rnd.nextInt(3)];
          peer = (peer + 1) % peerCount;
          shaper.input().offer(new OutboundIntent(peers.get(peer), OPS[rnd.nextInt(OPS.length)],
              new byte[64], c, s.classes().get(c).maxAge(), Origin.OTHER));
        }
        LockSupport.parkNanos(5_000_000L); // the generator's own wake-ups count as shaper CPU
      }
      long cpu = os.getProcessCpuTime() - cpuFrom;
      double window = (end - measureFrom) / 1e9;
      int n = (int) Math.min(counted.get(), lateness.length);
      long[] l = Arrays.copyOf(lateness, n);
      Arrays.sort(l);
      double p99 = n == 0 ? 0 : l[Math.max(0, (int) Math.ceil(0.99 * n) - 1)] / 1e6;
      double max = n == 0 ? 0 : l[n - 1] / 1e6;
      ShaperMetrics m = shaper.metrics();
      long dropped = 0;
      for (ShaperMetrics.DropReason r : ShaperMetrics.DropReason.values()) {
        dropped += (long) m.droppedCount(r);
      }
      long deferred = 0;
      for (ShaperMetrics.DeferReason r : ShaperMetrics.DeferReason.values()) {
        deferred += (long) m.deferredCount(r);
      }
      shaper.stop();
      return new Result(peerCount, rate, counted.get() / window, 100.0 * cpu / 1e9 / window, p99,
          max, wire.count(), dropped, deferred, tick / 1e6);
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // best effort
      }
    }
  }

  /** Exposed for the CLI's help text: the rate iMule accepts from one node, per destination. */
  public static double imulePerDestinationPerSecond() {
    int perMinute = 0;
    for (OpcodeFamily f : OpcodeFamily.values()) {
      // SEARCH and PUBLISH each stand for three tracked opcodes
      int k = f == OpcodeFamily.SEARCH || f == OpcodeFamily.PUBLISH ? 3 : 1;
      perMinute += k * f.imuleInboundPerMinute();
    }
    return perMinute / 60.0;
  }
}
