package io.pekkomule.node.contract;

import io.pekkomule.node.contract.VirtualRun.Arrival;
import io.pekkomule.node.kad.index.IndexLimits;
import io.pekkomule.node.kad.index.IndexServer;
import io.pekkomule.node.kad.index.IndexStore;
import io.pekkomule.node.kad.index.PublishGate;
import io.pekkomule.node.kad.search.Packets;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.node.kad.wire.Outgoing;
import io.pekkomule.node.shaper.CoverGenerator;
import io.pekkomule.node.shaper.Emission;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.node.shaper.ShaperCore;
import io.pekkomule.node.shaper.ShaperMetrics;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressFamily;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.msg.Kad2PublishKeyReq;
import io.pekkomule.protocol.msg.Kad2SearchKeyReq;
import io.pekkomule.protocol.msg.KadMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * H2, no timing side channel (contract-harness.md), for serving the index: the real {@link
 * IndexServer} answers Poisson-arriving requests from many peers, its replies go through the real
 * shaper policy ({@link ShaperCore} on virtual time, scheduler ticks included) as the dispatcher
 * sends them ({@link Outgoing#reply}), and the delay from request to first reply packet is
 * compared between hidden labels with a two-sample KS test: keyword search hit vs miss, and
 * keyword publish stored vs refused (not indexed: the keyword is full). ≥ 2,000 samples per
 * condition and seed; a seed fails at p ≤ 0.01, the harness at 2 of 10 seeds.
 *
 * <p>The negative control gives hits and stored publishes a 400 ms slower serving path (a disk
 * or database lookup that only happens when something is there); the harness must catch it.
 */
public final class IndexTimingHarness {
  private static final double SEC = 1e9;

  private final ShaperSettings settings;
  private final int seeds;
  private final int samples;

  public IndexTimingHarness(ShaperSettings settings, int seeds, int samples) {
    this.settings = settings;
    this.seeds = seeds;
    this.samples = samples;
  }

  public HarnessResult h2() {
    return run(0);
  }

  public HarnessResult h2LeakyControl() {
    return run(400_000_000L);
  }

  private record Req(long atNanos, int peer, KadMessage request, String condition) {}

  HarnessResult run(long leakNanos) {
    long tick = settings.tick().toNanos();
    int failSeeds = 0;
    double minSearchP = 1;
    double minPublishP = 1;
    for (int s = 0; s < seeds; s++) {
      SplittableRandom r = new SplittableRandom(0x4832_0000L + 7919L * s);
      KadId self = new KadId(r.nextLong(), r.nextLong());
      // the keyword "full" holds its maximum, so further files are refused (load 100)
      IndexLimits limits = IndexLimits.IMULE.withCapacities(60_000, 20, 18, 1000, 150, 5_000);
      IndexServer server = new IndexServer(self, new IndexStore(limits),
          new PublishGate(1_000, java.time.Duration.ofSeconds(1), 1_000_000));
      int stored = 200;
      List<String> storedWords = new ArrayList<>();
      for (int k = 0; k < stored; k++) {
        String w = "stored" + k + "x";
        storedWords.add(w);
        SharedFile f = SharedFile.complete(new KadId(r.nextLong(), r.nextLong()), w + ".avi", 100);
        server.serve(new AddressKey(AddressFamily.I2P, 1), Optional.empty(),
            Packets.publishKeyword(KeywordHasher.hash(w), List.of(f)).get(0), 0);
      }
      KadId full = KeywordHasher.hash("full");
      for (int i = 0; i <= 20; i++) {
        SharedFile f = SharedFile.complete(new KadId(7, i), "full " + i + ".avi", 100);
        server.serve(new AddressKey(AddressFamily.I2P, 2), Optional.empty(),
            Packets.publishKeyword(full, List.of(f)).get(0), 0);
      }
      SyntheticPeers peers = new SyntheticPeers(400);
      List<Req> reqs = new ArrayList<>();
      long t = 1_000_000_000L;
      int n = 4 * samples;
      for (int i = 0; i < n; i++) {
        t += (long) (-Math.log(1 - r.nextDouble()) * 0.5 * SEC); // 2 requests/s
        int peer = r.nextInt(peers.size());
        int kind = r.nextInt(4);
        KadMessage m;
        String cond;
        switch (kind) {
          case 0 -> {
            m = new Kad2SearchKeyReq(KeywordHasher.hash(storedWords.get(r.nextInt(stored))), 0,
                Optional.empty());
            cond = "search_hit";
          }
          case 1 -> {
            m = new Kad2SearchKeyReq(KeywordHasher.hash("missing" + r.nextInt(1_000_000) + "x"),
                0, Optional.empty());
            cond = "search_miss";
          }
          case 2 -> {
            String w = "fresh" + i + "x";
            m = Packets.publishKeyword(KeywordHasher.hash(w), List.of(SharedFile.complete(
                new KadId(r.nextLong(), r.nextLong()), w + ".avi", 10))).get(0);
            cond = "publish_stored";
          }
          default -> {
            m = Packets.publishKeyword(full, List.of(SharedFile.complete(
                new KadId(r.nextLong(), r.nextLong()), "full more.avi", 10))).get(0);
            cond = "publish_refused";
          }
        }
        reqs.add(new Req(t, peer, m, cond));
      }
      List<Arrival> arrivals = new ArrayList<>();
      Map<OutboundIntent, Req> first = new IdentityHashMap<>();
      for (Req q : reqs) {
        IndexServer.Served served = server.serve(
            new AddressKey(AddressFamily.I2P, q.peer() + 1L), Optional.empty(), q.request(),
            q.atNanos() / 1_000_000);
        boolean somethingThere = served.outcome().equals("hit") || served.outcome().equals("stored");
        long at = q.atNanos() + (somethingThere ? leakNanos : 0);
        boolean isFirst = true;
        for (KadMessage m : served.replies()) {
          Outgoing o = Outgoing.reply(m, peers.get(q.peer()), 0);
          OutboundIntent intent = new OutboundIntent(o.to(), m.opcode(), new byte[64],
              o.urgency(), o.deadline(), o.origin());
          arrivals.add(new Arrival(at, intent));
          if (isFirst) {
            first.put(intent, q);
            isFirst = false;
          }
        }
      }
      arrivals.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
      ShaperCore core = new ShaperCore(settings, 0xC0DEL + s, ShaperMetrics.inMemory(),
          CoverGenerator.NONE);
      List<Emission> out = VirtualRun.run(core, arrivals, tick, Long.MAX_VALUE);
      Map<String, List<Double>> delays = new java.util.HashMap<>();
      for (Emission e : out) {
        Req q = first.get(e.intent());
        if (q != null) {
          delays.computeIfAbsent(q.condition(), c -> new ArrayList<>())
              .add((e.emittedNanos() - q.atNanos()) / SEC);
        }
      }
      double pSearch = Stats.ksTwoSample(arr(delays.get("search_hit")),
          arr(delays.get("search_miss"))).p();
      double pPublish = Stats.ksTwoSample(arr(delays.get("publish_stored")),
          arr(delays.get("publish_refused"))).p();
      minSearchP = Math.min(minSearchP, pSearch);
      minPublishP = Math.min(minPublishP, pPublish);
      if (pSearch <= 0.01 || pPublish <= 0.01) {
        failSeeds++;
      }
    }
    boolean pass = failSeeds < HarnessResult.failThreshold(seeds);
    return new HarnessResult("H2", "index-timing", pass, String.format(Locale.ROOT,
        "ks_search_hit_vs_miss_min_p=%.3f ks_publish_stored_vs_refused_min_p=%.3f limit=0.01 "
            + "samples_per_condition=%d fail_seeds=%d/%d",
        minSearchP, minPublishP, samples, failSeeds, seeds));
  }

  private static double[] arr(List<Double> l) {
    return l == null ? new double[0] : l.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
