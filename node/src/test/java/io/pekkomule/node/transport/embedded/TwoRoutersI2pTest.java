package io.pekkomule.node.transport.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.transport.KadOverTransport;
import io.pekkomule.node.transport.TransportMetrics;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two JVMs, each with its own embedded Java I2P router (2.7.0) with networking on, but on
 * loopback only and to each other only ({@link LoopbackI2p}: NTCP2 on 127.0.0.1, no reseed, no
 * time sync, floodfill, zero-hop exploratory tunnels). Router B runs in a child JVM ({@link
 * EmbeddedPeerMain}) with Kad nodes B and C (zero-hop sessions); router A runs in this JVM with
 * Kad node A (zero hops in, one hop out through B), given B's RouterInfo (the privnet recipe:
 * RouterInfos copied). A and B verify each other by HELLO over I2CP datagrams that cross the two
 * routers, then A's NODE lookup for C's KadID asks B, learns C and ends with C as the closest
 * answering node. A second test reseeds a third router from a signed bundle served on loopback.
 * docs/transport.md ("Two embedded routers", "Reseed") explains every choice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoRoutersI2pTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration LEASE_SET_WAIT = Duration.ofSeconds(300);

  private Path dir;
  private PeerJvm peer;
  private EmbeddedDatagramTransport transportA;
  private EmbeddedRouter routerA;
  private final ActorTestKit kit = ActorTestKit.create("two-routers", ConfigFactory.parseString(
      "pekko.loglevel = WARNING\npekko.log-dead-letters = off"));

  /** -Dpekkomule.i2p.debug=LEVEL: both routers log at LEVEL and their directories are kept. */
  private static final String DEBUG = System.getProperty("pekkomule.i2p.debug", "");

  @BeforeAll
  void setUp() throws Exception {
    dir = Files.createTempDirectory("pm-two-routers");
    if (!DEBUG.isEmpty()) {
      for (String r : new String[] {"a", "b"}) {
        Files.createDirectories(dir.resolve(r));
        Files.writeString(dir.resolve(r).resolve("logger.config"), "logger.displayOnScreen=false\n"
            + "logger.defaultLevel=" + DEBUG + "\nlogger.logFileName=logs/log-router-@.txt\n"
            + System.getProperty("pekkomule.i2p.debug.extra", "").replace(';', '\n') + "\n");
      }
      System.out.println("two routers: debug, directories kept in " + dir);
    }
  }

  @AfterAll
  void tearDown() throws Exception {
    kit.shutdownTestKit();
    if (transportA != null) {
      transportA.close();
    }
    if (routerA != null) {
      routerA.release();
    }
    if (peer != null) {
      peer.close();
    }
    if (!DEBUG.isEmpty()) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private record Remote(KadId id, I2pDestination dest, long setupMs) {
    static Remote parse(String nodeLine) {
      String[] w = nodeLine.split(" "); // NODE i kadid dest setup_ms=…
      return new Remote(KadId.fromHex(w[2]), I2pDestination.fromBase64(w[3]),
          Long.parseLong(w[4].substring("setup_ms=".length())));
    }

    KadContact contact() {
      return new KadContact(8, id, new I2pEndpoint(dest));
    }
  }

  private static long field(String line, String key) {
    return Arrays.stream(line.split(" ")).filter(w -> w.startsWith(key + "="))
        .mapToLong(w -> Long.parseLong(w.substring(key.length() + 1))).findFirst().orElseThrow();
  }

  private static String text(String line, String key) {
    return Arrays.stream(line.split(" ")).filter(w -> w.startsWith(key + "="))
        .map(w -> w.substring(key.length() + 1)).findFirst().orElseThrow();
  }

  @Test
  void helloAndLookupAcrossTwoRoutersInTwoJvms() throws Exception {
    int portA = LoopbackI2p.freePort();
    startRouterB();
    Remote b = nodeB;
    Remote c = nodeC;

    Path dirA = dir.resolve("a");
    String hashB = EmbeddedRouter.seedNetDb(dirA, Path.of(text(routerLine, "routerinfo")));
    assertEquals(44, hashB.length(), "a router hash");
    EmbeddedConfig cfgA = LoopbackI2p.config(dirA, portA, 1);
    // Router A first, told about B, then the session: its one-hop outbound tunnel goes through B.
    long ta = System.nanoTime();
    routerA = EmbeddedRouter.acquire(cfgA);
    long aRouter = (System.nanoTime() - ta) / 1_000_000;
    assertEquals(hashB, routerA.addRouterInfo(Path.of(text(routerLine, "routerinfo"))));
    assertTrue(routerA.knownRouters() >= 2, "A's netDb holds A and B");
    transportA = new EmbeddedDatagramTransport(cfgA, Optional.empty(), new SimpleMeterRegistry(),
        RandomGenerator.getDefault(), Clock.systemUTC());
    KadOverTransport.Inbound inA = new KadOverTransport.Inbound();
    long ts = System.nanoTime();
    java.util.concurrent.CompletableFuture<I2pDestination> upA =
        transportA.start(inA).toCompletableFuture();
    long connectUntil = System.nanoTime() + WAIT.toNanos();
    while (routerA.connectedPeers() == 0) {
      assertTrue(System.nanoTime() < connectUntil, "router A never connected to router B");
      Thread.sleep(20);
    }
    long connectMs = (System.nanoTime() - ts) / 1_000_000;
    I2pDestination destA = upA.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long aUp = (System.nanoTime() - ts) / 1_000_000;

    // The first lease-set lookups through a fresh tunnel may time out (then Kad would wait for
    // its HELLO retry); ask the router for B's and C's lease sets first, bounded, and time it.
    long tls = System.nanoTime();
    for (Remote r : List.of(b, c)) {
      net.i2p.data.Hash h = net.i2p.data.Destination.create(
          new java.io.ByteArrayInputStream(r.dest().toBytes())).calculateHash();
      // Java I2P 2.7 negative-caches a destination after 3 failed lookups until its cleaner runs
      // (NegativeLookupCache: every 120 s), so early failures can hide a lease set for up to two
      // minutes: wait past two cleaner periods.
      long until = System.nanoTime() + LEASE_SET_WAIT.toNanos();
      while (transportA.currentSession().lookupDest(h, 5_000) == null) {
        assertTrue(System.nanoTime() < until, "no lease set for " + r.id() + "\n" + peer.tail());
        Thread.sleep(200); // a negative-cached lookup answers at once
      }
    }
    long leaseSets = (System.nanoTime() - tls) / 1_000_000;

    KadOverTransport a = KadOverTransport.create(kit, "node-a", transportA, destA, inA, 100);
    long th = System.nanoTime();
    a.node.tell(new KadNode.AddContact(b.contact()));
    a.awaitVerified(kit, b.id(), WAIT);
    awaitPeerVerified(0, a.identity.id());
    long hello = (System.nanoTime() - th) / 1_000_000;
    long connected = routerA.connectedPeers();
    assertTrue(connected >= 1, "A's router has a connection to B's router");

    long tl = System.nanoTime();
    LookupOutcome o = a.lookup(kit, c.id(), WAIT);
    long lookup = (System.nanoTime() - tl) / 1_000_000;
    assertTrue(o.completedPeers().stream().anyMatch(p -> p.id().equals(c.id())),
        "C (on router B, learnt from B) answered A's lookup: " + o + "\n" + peer.tail());
    assertEquals(c.id(), o.completedPeers().get(0).id(), "C is the closest to itself");

    peer.send("NETDB");
    String netdb = peer.expect("NETDB", Duration.ofSeconds(30));
    String[] nb = netdb.split(" ");
    assertTrue(Integer.parseInt(nb[1]) >= 2, "B's netDb holds A and B: " + netdb);
    assertTrue(Integer.parseInt(nb[2]) >= 1, "B's router is connected: " + netdb);

    TransportMetrics m = transportA.metrics();
    assertTrue(m.count(Direction.IN, Result.OK) >= 2, "datagrams in over I2CP");
    assertTrue(m.count(Direction.OUT, Result.OK) >= 2, "datagrams out over I2CP");
    assertEquals(0, m.count(Direction.IN, Result.MALFORMED));
    System.out.printf("two routers: router B start %d ms, B sessions (2) %d ms, B published %d ms,"
            + " B ready %d ms (child JVM incl.); router A start %d ms, then A session"
            + " up %d ms (A->B router connection after %d ms), B's and C's lease sets %d ms;"
            + " HELLO A<->B %d ms; lookup %s %d ms, %d requests; A known routers %d, connected"
            + " %d; A out %d dgrams max %.0f B, in %d%n",
        field(routerLine, "start_ms"), field(routerLine, "sessions_ms"),
        field(routerLine, "published_ms"), bReady,
        aRouter, aUp, connectMs, leaseSets, hello, o.termination(), lookup,
        o.requests(), routerA.knownRouters(), connected, m.sized(Direction.OUT),
        m.maxSize(Direction.OUT), m.sized(Direction.IN));
  }

  private String routerLine;
  private Remote nodeB;
  private Remote nodeC;
  private long bReady;

  /** The child JVM with router B and Kad nodes B and C (once per class; bounded waits). */
  private synchronized void startRouterB() throws Exception {
    if (peer != null) {
      return;
    }
    long tb = System.nanoTime();
    peer = new PeerJvm("router-b", List.of(dir.resolve("b").toString(),
        Integer.toString(LoopbackI2p.freePort()), "2", "200"));
    routerLine = peer.expect("ROUTER", WAIT.multipliedBy(2));
    nodeB = Remote.parse(peer.expect("NODE 0", WAIT));
    nodeC = Remote.parse(peer.expect("NODE 1", WAIT));
    peer.expect("READY", WAIT);
    bReady = (System.nanoTime() - tb) / 1_000_000;
  }

  /**
   * Reseed, as at a real first start, but from a reseed server of our own on loopback: router C
   * (a third JVM) starts with an empty netDb, reseed on and {@code i2p.reseedURL} pointing at an
   * HTTP server that serves an SU3 bundle holding B's RouterInfo, signed by a throw-away key
   * whose certificate is in C's {@code certificates/reseed/}. C must fetch and verify it, learn
   * B from it (nothing else could tell C about B) and connect to B.
   */
  @Test
  void reseedsFromALocalSignedBundle() throws Exception {
    startRouterB();
    long t0 = System.nanoTime();
    // Router B's JVM signs the bundle (this JVM's I2P context may belong to a stopped router).
    peer.send("BUNDLE " + dir.resolve("seed"));
    String[] bl = peer.expect("BUNDLE", WAIT).split(" ");
    LocalReseed.Bundle signed = new LocalReseed.Bundle(Path.of(bl[1]), Path.of(bl[2]));
    long bundle = (System.nanoTime() - t0) / 1_000_000;
    try (LocalReseed seed = new LocalReseed(signed)) {
      Path dirC = dir.resolve("c");
      LocalReseed.trust(dirC, signed);
      long tc = System.nanoTime();
      try (PeerJvm c = new PeerJvm("router-c", List.of(dirC.toString(),
          Integer.toString(LoopbackI2p.freePort()), "0", "300", "--reseed",
          "i2p.reseedURL=" + seed.url(), "router.reseedSSLRequired=false"))) {
        String line = c.expect("ROUTER", WAIT);
        c.expect("READY", WAIT);
        long reseeded = -1;
        long connected = -1;
        long until = System.nanoTime() + WAIT.toNanos();
        String netdb = "";
        while (connected < 0) {
          assertTrue(System.nanoTime() < until, "router C: reseed or connection to B missing ("
              + netdb + ", " + seed.requests.get() + " requests)\n" + c.tail());
          c.send("NETDB");
          netdb = c.expect("NETDB", Duration.ofSeconds(30));
          String[] w = netdb.split(" ");
          long now = (System.nanoTime() - tc) / 1_000_000;
          if (reseeded < 0 && Integer.parseInt(w[1]) >= 2) {
            reseeded = now;
          }
          if (reseeded >= 0 && Integer.parseInt(w[2]) >= 1) {
            connected = now;
          }
          Thread.sleep(200);
        }
        assertTrue(seed.requests.get() >= 1, "the bundle was fetched");
        System.out.printf("reseed: bundle signed in %d ms; router C start %d ms, knows B from"
                + " the reseed after %d ms, connected to B after %d ms; %d HTTP requests%n",
            bundle, field(line, "start_ms"), reseeded, connected, seed.requests.get());
      }
    }
  }

  /** Waits (bounded) until the child's node {@code i} has verified {@code id}. */
  private void awaitPeerVerified(int i, KadId id) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (true) {
      peer.send("VERIFIED " + i);
      String l = peer.expect("VERIFIED " + i, Duration.ofSeconds(30));
      if (l.contains(id.toHex())) {
        return;
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("node " + i + " of the child never verified " + id + ": " + l
            + "\n" + peer.tail());
      }
      Thread.sleep(250);
    }
  }
}
