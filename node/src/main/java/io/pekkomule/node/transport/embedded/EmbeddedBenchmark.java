package io.pekkomule.node.transport.embedded;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the embedded router costs ({@code bench embedded}): the router started offline in a
 * scratch directory, N sessions created in parallel (zero hops), then time to the first router
 * client, session set-up times, threads, heap after GC and the process's resident memory. No
 * datagram is sent. The real network costs more (netDb, transports, 2-hop tunnels).
 */
public final class EmbeddedBenchmark {
  private EmbeddedBenchmark() {}

  /** The figures, and the summary line. */
  public record Result(int sessions, long routerStartMs, long sessionSetupMaxMs, long allUpMs,
      int threadsAdded, long heapAddedMb, long rssMb) {
    public String line() {
      return String.format(Locale.ROOT, "bench embedded sessions=%d router_start_ms=%d"
          + " session_setup_max_ms=%d all_up_ms=%d threads_added=%d heap_added_mb=%d rss_mb=%d",
          sessions, routerStartMs, sessionSetupMaxMs, allUpMs, threadsAdded, heapAddedMb, rssMb);
    }
  }

  public static Result run(EmbeddedConfig base, int sessions) throws Exception {
    Path dir = Files.createTempDirectory("pm-bench-embedded");
    EmbeddedConfig cfg = base.offlineZeroHop().withRouterDir(dir.resolve("i2p"));
    int threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
    long heap0 = heapAfterGc();
    List<EmbeddedDatagramTransport> ts = new ArrayList<>();
    try {
      long t0 = System.nanoTime();
      List<CompletableFuture<?>> ups = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        EmbeddedDatagramTransport t =
            new EmbeddedDatagramTransport(cfg, Optional.empty(), new SimpleMeterRegistry());
        ts.add(t);
        ups.add(t.start(d -> { }).toCompletableFuture());
      }
      CompletableFuture.allOf(ups.toArray(CompletableFuture[]::new))
          .get(cfg.routerStartTimeout().plus(cfg.sessionTimeout()).toSeconds(), TimeUnit.SECONDS);
      long allUp = (System.nanoTime() - t0) / 1_000_000;
      long routerStart = ts.get(0).routerStartTime().orElseThrow().toMillis();
      long setupMax = 0;
      for (EmbeddedDatagramTransport t : ts) {
        setupMax = Math.max(setupMax, t.lastSetupTime().orElseThrow().toMillis());
      }
      Thread.sleep(3000); // let the router's start-up work settle before measuring memory
      int threads = ManagementFactory.getThreadMXBean().getThreadCount() - threads0;
      long heap = (heapAfterGc() - heap0) >> 20;
      return new Result(sessions, routerStart, setupMax, allUp, threads, heap, rssMb());
    } finally {
      for (EmbeddedDatagramTransport t : ts) {
        t.close();
      }
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long rssMb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }
}
