package io.pekkomule.node.lab;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.KadNodeDeps;
import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.shaper.ShaperMetrics;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.FileContact;
import io.pekkomule.protocol.contact.Kad2Contact;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * N lab peers on real time inside a node's own actor system: production {@link KadNode}s behind
 * the lab's shaper shell ({@link LabShaper}, the same {@code ShaperCore} policy) on a {@link
 * LabNetwork}. What {@code run --transport lab} joins. The peers' identities and latencies come
 * from {@code seed}, so the same peers come back after a restart of the node. The first three
 * are seeds every peer bootstraps from; every third peer also knows the node itself, so peers
 * send it traffic on their own.
 */
public final class LabPeers {
  private static final AtomicLong SERIAL = new AtomicLong();

  private final List<KadIdentity> identities;
  private final List<ActorRef<?>> actors;

  private LabPeers(List<KadIdentity> identities, List<ActorRef<?>> actors) {
    this.identities = identities;
    this.actors = actors;
  }

  /** The peers' identities, drawn from {@code seed} alone (before any is started). */
  public static List<KadIdentity> identities(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<Integer> hashes = new HashSet<>();
    Set<KadId> ids = new HashSet<>();
    List<KadIdentity> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      KadId id;
      do {
        id = KadId.random(random);
      } while (id.isZero() || !ids.add(id));
      I2pDestination d = destination(random, hashes);
      out.add(new KadIdentity(id, d, d, random.nextInt(), 8));
    }
    return out;
  }

  /** A random 387-byte destination with a NULL certificate and a fresh, non-zero hash. */
  public static I2pDestination destination(SplittableRandom random, Set<Integer> usedHashes) {
    byte[] b = new byte[I2pDestination.BYTES];
    int hash;
    do {
      random.nextBytes(b);
      hash = (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    } while (hash == 0 || !usedHashes.add(hash));
    b[384] = 0;
    b[385] = 0;
    b[386] = 0;
    return I2pDestination.of(b);
  }

  /**
   * Starts the peers.
   *
   * @param node the node under test, known to every third peer (null: none)
   */
  public static LabPeers start(ActorSystem<?> system, LabNetwork network, int n, long seed,
      ShaperSettings shaper, Kad2Contact node) {
    return start(system, network, n, seed, shaper, node, 0);
  }

  /**
   * As above; besides, {@code publishers} peers (those that know the node first) each share one
   * file of {@link #publishedTo}: the node is the closest to its file id and to its keyword, so
   * the peers' source and keyword publications reach it. They publish within seconds (a short
   * first window) and republish as iMule does.
   */
  public static LabPeers start(ActorSystem<?> system, LabNetwork network, int n, long seed,
      ShaperSettings shaper, Kad2Contact node, int publishers) {
    List<KadIdentity> ids = identities(n, seed);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE));
    ShaperMetrics shaperMetrics = new ShaperMetrics(registry);
    KadMetrics kadMetrics = new KadMetrics(registry);
    List<ActorRef<?>> actors = new ArrayList<>();
    int seeds = Math.min(3, n);
    long serial = SERIAL.incrementAndGet();
    for (int i = 0; i < n; i++) {
      KadIdentity id = ids.get(i);
      List<FileContact> bootstrap = new ArrayList<>();
      for (int s = 0; s < seeds; s++) {
        if (s != i) {
          bootstrap.add(new FileContact(ids.get(s).kad2Contact(), 0, 0, false));
        }
      }
      if (node != null && i % 3 == 2) {
        bootstrap.add(new FileContact(node, 0, 0, false));
      }
      ActorRef<LabShaper.Command> sh = system.systemActorOf(LabShaper.create(
          shaper.withCover(0), random.nextLong(), shaperMetrics, System::nanoTime,
          network.transport(new io.pekkomule.protocol.endpoint.I2pEndpoint(id.udpDest()))), "lab-peer-shaper-" + serial + "-" + i, Props.empty());
      KadNodeDeps deps = new KadNodeDeps(LabShaper.port(sh), InstantSource.system(),
          random.nextLong(), kadMetrics, bootstrap, true);
      boolean publishes = node != null && i % 3 == 2 && i / 3 < publishers;
      KadNodeSettings settings = KadNodeSettings.defaults(id);
      if (publishes) {
        settings = settings.withPublishing(settings.publishing().withSchedule(
            settings.publishing().schedule().withFirstWindow(java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(5))));
      }
      ActorRef<KadNode.Command> peer = system.systemActorOf(
          KadNode.create(settings, deps), "lab-peer-" + serial + "-" + i,
          Props.empty());
      if (publishes) {
        peer.tell(new KadNode.Share(publishedTo(node.id(), i / 3)));
      }
      network.attach(new io.pekkomule.protocol.endpoint.I2pEndpoint(id.udpDest()), peer);
      actors.add(sh);
      actors.add(peer);
    }
    return new LabPeers(List.copyOf(ids), actors);
  }

  /**
   * The {@code k}-th file published to {@code node}: its id is the node's KadID with the last byte
   * changed (the node is the closest to it), its name one word whose keyword hash shares the
   * node's first 10 bits, plus ".iso".
   */
  public static io.pekkomule.node.kad.search.SharedFile publishedTo(
      io.pekkomule.protocol.KadId node, int k) {
    io.pekkomule.protocol.KadId fileId = node.xor(new io.pekkomule.protocol.KadId(0, k + 1));
    String word = null;
    for (int w = 0; word == null; w++) {
      String candidate = "labfile" + w;
      if (io.pekkomule.protocol.keyword.KeywordHasher.hash(candidate).xor(node).leadingZeros()
          >= 10) {
        word = candidate;
      }
    }
    return io.pekkomule.node.kad.search.SharedFile.complete(fileId, word + ".iso",
        1_000_000L + k);
  }

  public List<KadIdentity> identities() {
    return identities;
  }

  public int size() {
    return identities.size();
  }
}
