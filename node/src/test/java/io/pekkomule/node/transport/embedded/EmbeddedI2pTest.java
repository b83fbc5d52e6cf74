package io.pekkomule.node.transport.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.shaper.Shaper;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.KadOverTransport;
import io.pekkomule.node.transport.TransportMetrics;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import net.i2p.client.I2PSession;
import net.i2p.client.datagram.I2PDatagramMaker;
import net.i2p.client.impl.I2PClientImpl;
import net.i2p.crypto.SigType;
import net.i2p.data.Destination;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The embedded transport against the real Java I2P router (2.7.0) in this JVM, offline: no
 * NTCP/SSU, no reseed, no time sync, zero-hop tunnels. Java I2P keeps one router per JVM, so the
 * nodes' destinations are I2CP sessions on ONE embedded router (two routers in one JVM cannot run,
 * and without transports they could not see each other anyway); their datagrams are real signed
 * repliable I2CP datagrams through the router's client manager.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedI2pTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private Path dir;
  private EmbeddedConfig config;
  private final List<EmbeddedDatagramTransport> transports = new ArrayList<>();
  private final ActorTestKit kit = ActorTestKit.create("embedded-i2p", ConfigFactory.parseString(
      "pekko.loglevel = WARNING\npekko.log-dead-letters = off"));

  @BeforeAll
  void setUp() throws Exception {
    dir = Files.createTempDirectory("pm-embedded");
    config = EmbeddedConfig.from(ConfigFactory.load()).offlineZeroHop()
        .withRouterDir(dir.resolve("i2p"));
  }

  @AfterAll
  void tearDown() throws Exception {
    kit.shutdownTestKit();
    for (EmbeddedDatagramTransport t : transports) {
      t.close();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private EmbeddedDatagramTransport transport(Optional<String> key) {
    EmbeddedDatagramTransport t = new EmbeddedDatagramTransport(config, key,
        new SimpleMeterRegistry(), RandomGenerator.getDefault(), Clock.systemUTC());
    transports.add(t);
    return t;
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static InboundDatagram poll(LinkedBlockingQueue<InboundDatagram> q)
      throws InterruptedException {
    InboundDatagram d = q.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(d != null, "no datagram within " + WAIT);
    return d;
  }

  /** A payload that the shaper's sink would hand over (the test calls send directly). */
  private static void sendRaw(EmbeddedDatagramTransport from, I2pDestination to, byte[] data) {
    assertTrue(from.send(new I2pEndpoint(to), data), "accepted");
  }

  @Test
  void datagramsBothWaysNonDsaDroppedAndIdentityKept() throws Exception {
    LinkedBlockingQueue<InboundDatagram> inA = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<InboundDatagram> inB = new LinkedBlockingQueue<>();
    EmbeddedDatagramTransport a = transport(Optional.empty());
    String keyB = EmbeddedDatagramTransport.generatePrivateKey();
    EmbeddedDatagramTransport b = transport(Optional.of(keyB));
    long t0 = System.nanoTime();
    CompletableFuture<I2pDestination> upA = a.start(inA::add).toCompletableFuture();
    CompletableFuture<I2pDestination> upB = b.start(inB::add).toCompletableFuture();
    I2pDestination da = await(upA);
    I2pDestination db = await(upB);
    System.out.printf("embedded: router start %d ms, sessions up %d / %d ms, both in %d ms%n",
        a.routerStartTime().orElseThrow().toMillis(), a.lastSetupTime().orElseThrow().toMillis(),
        b.lastSetupTime().orElseThrow().toMillis(), (System.nanoTime() - t0) / 1_000_000);
    assertEquals(I2pDestination.BYTES, da.toBytes().length);
    assertEquals(db, a.ownDestination().isPresent() ? b.ownDestination().orElseThrow() : null);
    assertTrue(a.privateKeyBase64().isPresent(), "generated key handed out for storage");

    byte[] small = "hello over I2CP".getBytes();
    long s0 = System.nanoTime();
    sendRaw(a, db, small);
    InboundDatagram got = poll(inB);
    System.out.printf("embedded: first datagram %d ms%n", (System.nanoTime() - s0) / 1_000_000);
    assertArrayEquals(small, got.payload());
    assertEquals(new I2pEndpoint(da), got.from(), "sender taken from the signed datagram");
    byte[] big = new byte[10_240];
    new Random(3).nextBytes(big);
    sendRaw(b, da, big);
    assertArrayEquals(big, poll(inA).payload());
    assertTrue(!b.send(new I2pEndpoint(da), new byte[10_241]), "over 10,240 bytes refused");
    assertEquals(1, b.metrics().count(Direction.OUT, Result.OVERSIZE));

    // A sender with an EdDSA destination (what Java I2P and i2pd make by default): dropped.
    EmbeddedRouter r = EmbeddedRouter.acquire(config);
    I2PSession ed = null;
    try {
      ByteArrayOutputStream priv = new ByteArrayOutputStream();
      I2PClientImpl client = new I2PClientImpl();
      client.createDestination(priv, SigType.EdDSA_SHA512_Ed25519);
      ed = client.createSession(r.context(), new ByteArrayInputStream(priv.toByteArray()),
          config.tunnelOptions().entrySet().stream().collect(java.util.Properties::new,
              (p, e) -> p.put(e.getKey(), e.getValue()), java.util.Properties::putAll));
      ed.connect();
      byte[] dg = new I2PDatagramMaker(ed).makeI2PDatagram("from eddsa".getBytes());
      Destination toA = Destination.create(new ByteArrayInputStream(da.toBytes()));
      ed.sendMessage(toA, dg, 0, dg.length, I2PSession.PROTO_DATAGRAM, 0, 0,
          new net.i2p.client.SendMessageOptions());
      // then a DSA datagram from B: once it arrives, the earlier one has been handled
      sendRaw(b, da, "marker".getBytes());
      assertArrayEquals("marker".getBytes(), poll(inA).payload());
      long until = System.nanoTime() + WAIT.toNanos();
      while (a.metrics().count(Direction.IN, Result.NON_DSA) == 0 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertEquals(1, a.metrics().count(Direction.IN, Result.NON_DSA));
      assertTrue(inA.isEmpty(), "the EdDSA datagram never reached the node");
    } finally {
      if (ed != null) {
        ed.destroySession();
      }
      r.release();
    }

    // Identity kept: a new transport on B's stored key has B's destination.
    b.close();
    EmbeddedDatagramTransport b2 = transport(Optional.of(keyB));
    LinkedBlockingQueue<InboundDatagram> inB2 = new LinkedBlockingQueue<>();
    assertEquals(db, await(b2.start(inB2::add)));
    sendRaw(a, db, small);
    assertArrayEquals(small, poll(inB2).payload());
    assertTrue(a.metrics().sized(Direction.OUT) >= 2);

    // Session loss: the transport reports down, re-creates the session with the same
    // destination after its backoff, and sends what was accepted meanwhile.
    a.currentSession().destroySession();
    long until = System.nanoTime() + WAIT.toNanos();
    while (a.isUp() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertTrue(!a.isUp(), "down after the session was lost");
    byte[] whileDown = "sent while down".getBytes();
    sendRaw(a, db, whileDown);
    assertArrayEquals(whileDown, poll(inB2).payload(), "buffered, then sent");
    assertTrue(a.isUp());
    assertEquals(da, a.ownDestination().orElseThrow());
    assertEquals(1, a.metrics().reconnects());
    assertEquals(io.pekkomule.node.transport.TransportHealth.State.UP, a.health().state());
    assertEquals(1, a.health().reconnects());
    sendRaw(b2, da, small);
    InboundDatagram back = poll(inA);
    assertEquals(new I2pEndpoint(db), back.from());
  }

  /**
   * Three production-shaped nodes (KadNode + Shaper + embedded transport): C is known to B, B to
   * A. HELLO handshakes verify both ways over I2CP, then A's NODE lookup for C's KadID asks B,
   * learns C from B's KADEMLIA2_RES and ends with C as the closest answering node.
   */
  @Test
  void kadHelloAndLookupOverI2cp() throws Exception {
    List<KadOverTransport> nodes = new ArrayList<>();
    List<KadOverTransport.Inbound> inbounds = new ArrayList<>();
    List<CompletableFuture<I2pDestination>> ups = new ArrayList<>();
    List<EmbeddedDatagramTransport> ts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      EmbeddedDatagramTransport t = transport(Optional.empty());
      KadOverTransport.Inbound in = new KadOverTransport.Inbound();
      ups.add(t.start(in).toCompletableFuture());
      ts.add(t);
      inbounds.add(in);
    }
    for (int i = 0; i < 3; i++) {
      nodes.add(KadOverTransport.create(kit, "node-" + "abc".charAt(i), ts.get(i),
          await(ups.get(i)), inbounds.get(i), 100 + i));
    }
    KadOverTransport a = nodes.get(0);
    KadOverTransport b = nodes.get(1);
    KadOverTransport c = nodes.get(2);
    long t0 = System.nanoTime();
    b.node.tell(new KadNode.AddContact(c.identity.contact()));
    a.node.tell(new KadNode.AddContact(b.identity.contact()));
    a.awaitVerified(kit, b, WAIT);
    b.awaitVerified(kit, a, WAIT);
    b.awaitVerified(kit, c, WAIT);
    c.awaitVerified(kit, b, WAIT);
    long hello = (System.nanoTime() - t0) / 1_000_000;
    long t1 = System.nanoTime();
    LookupOutcome o = a.lookup(kit, c.identity.id(), WAIT.multipliedBy(2));
    System.out.printf("embedded kad: HELLOs verified in %d ms, lookup %s in %d ms, %d requests%n",
        hello, o.termination(), (System.nanoTime() - t1) / 1_000_000, o.requests());
    assertTrue(o.completedPeers().stream().anyMatch(p -> p.id().equals(c.identity.id())),
        "C answered A's lookup: " + o);
    assertEquals(c.identity.id(), o.completedPeers().get(0).id(), "C is the closest to itself");
    for (EmbeddedDatagramTransport t : ts) {
      TransportMetrics m = t.metrics();
      System.out.printf("embedded kad sizes: out %d datagrams, mean %.0f B, max %.0f B, "
          + "%.1f %% <= 1 KB; in %d%n", m.sized(Direction.OUT), m.meanSize(Direction.OUT),
          m.maxSize(Direction.OUT), 100 * m.shareAtMost1k(Direction.OUT), m.sized(Direction.IN));
      assertEquals(0, m.count(Direction.IN, Result.MALFORMED));
    }
  }
}
