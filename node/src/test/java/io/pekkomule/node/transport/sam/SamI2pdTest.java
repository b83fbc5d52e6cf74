package io.pekkomule.node.transport.sam;

import static io.pekkomule.node.transport.sam.SamTestSupport.await;
import static io.pekkomule.node.transport.sam.SamTestSupport.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.typesafe.config.ConfigFactory;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.KadOverTransport;
import io.pekkomule.node.transport.TransportHealth;
import io.pekkomule.node.transport.TransportMetrics;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAM transport against a real i2pd (started here, on loopback, no peers): four sessions
 * created in parallel (two with UDP forwarding, two with iMule's control-socket datagrams),
 * datagrams both ways, and a router crash and restart last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 200, unit = TimeUnit.SECONDS)
class SamI2pdTest {
  /**
   * A lone router passes datagrams between its own sessions only with zero-hop tunnels and
   * LeaseSet type 1 with ElGamal (verified-gotchas, I2P).
   */
  private static final String LONE_ROUTER =
      String.join(
          "\n",
          "tunnel {",
          "  \"inbound.length\" = 0",
          "  \"outbound.length\" = 0",
          "  \"inbound.quantity\" = 1",
          "  \"outbound.quantity\" = 1",
          "  \"i2cp.leaseSetType\" = 1",
          "  \"i2cp.leaseSetEncType\" = 0",
          "}",
          "reconnect { min-backoff = 1s, max-backoff = 4s }",
          "timeouts.session-create = 90s");

  private record Node(String name, SamDatagramTransport transport, BlockingQueue<InboundDatagram> in) {}

  private I2pdRouter router;
  private final Map<String, Node> nodes = new java.util.LinkedHashMap<>();
  /** Two production-shaped Kad nodes (KadNode + Shaper + this transport) on the same router. */
  private final List<KadOverTransport> kad = new ArrayList<>();
  private final ActorTestKit kit = ActorTestKit.create("sam-i2pd", ConfigFactory.parseString(
      "pekko.loglevel = WARNING\npekko.log-dead-letters = off"));
  private final Random rnd = new Random(11);

  @BeforeAll
  void startRouterAndSessions(@TempDir Path dir) throws Exception {
    router = new I2pdRouter(dir.resolve("i2pd"));
    router.start();
    long t0 = System.nanoTime();
    List<CompletableFuture<I2pDestination>> ups = new ArrayList<>();
    for (String[] spec :
        new String[][] {{"a", "udp"}, {"b", "udp"}, {"c", "control"}, {"d", "control"}}) {
      SamConfig cfg =
          config(
              "port = " + router.samPort() + "\ndatagrams = " + spec[1] + "\n" + LONE_ROUTER);
      BlockingQueue<InboundDatagram> in = new LinkedBlockingQueue<>();
      SamDatagramTransport t =
          new SamDatagramTransport(cfg, Optional.empty(), new SimpleMeterRegistry());
      nodes.put(spec[0], new Node(spec[0], t, in));
      ups.add(t.start(in::add).toCompletableFuture()); // all SESSION CREATEs in parallel
    }
    List<SamDatagramTransport> kadTransports = new ArrayList<>();
    List<KadOverTransport.Inbound> kadInbound = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SamDatagramTransport t = new SamDatagramTransport(
          config("port = " + router.samPort() + "\n" + LONE_ROUTER), Optional.empty(),
          new SimpleMeterRegistry());
      KadOverTransport.Inbound in = new KadOverTransport.Inbound();
      kadTransports.add(t);
      kadInbound.add(in);
      ups.add(t.start(in).toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(ups.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      fail("SAM sessions did not come up: " + e + "\n" + router.logTail());
    }
    System.out.printf(
        "i2pd SAM: 6 sessions up in %.1f s (in parallel)%n", (System.nanoTime() - t0) / 1e9);
    for (int i = 0; i < 2; i++) {
      SamDatagramTransport t = kadTransports.get(i);
      kad.add(KadOverTransport.create(kit, "kad-" + i, t, t.ownDestination().orElseThrow(),
          kadInbound.get(i), 200 + i));
    }
    for (Node n : nodes.values()) {
      System.out.printf(
          "i2pd SAM: session %s (SAM %s): set-up %d ms, of which SESSION CREATE %d ms%n",
          n.name(),
          n.transport().samVersion().orElse("?"),
          n.transport().lastSetupTime().orElseThrow().toMillis(),
          n.transport().lastSessionCreateTime().orElseThrow().toMillis());
    }
  }

  @AfterAll
  void stopAll() throws Exception {
    kit.shutdownTestKit();
    for (Node n : nodes.values()) {
      n.transport().close();
    }
    for (KadOverTransport k : kad) {
      k.transport.close();
    }
    if (router != null) {
      router.close();
    }
  }

  private Node node(String name) {
    return nodes.get(name);
  }

  private static I2pDestination dest(Node n) {
    return n.transport().ownDestination().orElseThrow();
  }

  private byte[] binary(int size) {
    byte[] b = new byte[size];
    rnd.nextBytes(b);
    for (int i = 0; i < size; i += 97) {
      b[i] = '\n'; // line breaks all through the payload
    }
    if (size > 0) {
      b[size - 1] = '\n';
    }
    return b;
  }

  /**
   * Sends until the peer gets it (the first datagrams to a destination can be lost while its
   * LeaseSet is looked up) and checks sender and bytes; returns the first-try latency in ms.
   */
  private double deliver(Node from, Node to, byte[] payload) throws InterruptedException {
    to.in().clear();
    long t0 = System.nanoTime();
    for (int attempt = 0; attempt < 10; attempt++) {
      assertTrue(from.transport().send(new I2pEndpoint(dest(to)), payload), "send accepted");
      InboundDatagram got = to.in().poll(3, TimeUnit.SECONDS);
      // a datagram buffered while the router was down (another size) may arrive first: skip it
      while (got != null && got.payload().length != payload.length) {
        got = to.in().poll(3, TimeUnit.SECONDS);
      }
      if (got != null) {
        assertEquals(new I2pEndpoint(dest(from)), got.from(), "the sender is " + from.name());
        assertArrayEquals(payload, got.payload(), payload.length + " bytes exactly");
        return (System.nanoTime() - t0) / 1e6;
      }
    }
    fail(
        from.name() + " -> " + to.name() + ": " + payload.length + " bytes never arrived\n"
            + router.logTail());
    return -1;
  }

  /** A sends a ping, B answers to the sender it saw: one round trip through the router. */
  private double roundTrip(Node a, Node b, int size) throws InterruptedException {
    b.in().clear();
    a.in().clear();
    byte[] ping = binary(size);
    long t0 = System.nanoTime();
    assertTrue(a.transport().send(new I2pEndpoint(dest(b)), ping));
    InboundDatagram got = b.in().poll(10, TimeUnit.SECONDS);
    assertNotNull(got, "ping " + a.name() + " -> " + b.name());
    assertArrayEquals(ping, got.payload());
    byte[] pong = binary(size);
    assertTrue(b.transport().send(got.from(), pong)); // reply to the datagram's sender
    InboundDatagram back = a.in().poll(10, TimeUnit.SECONDS);
    assertNotNull(back, "pong " + b.name() + " -> " + a.name());
    assertArrayEquals(pong, back.payload());
    assertEquals(new I2pEndpoint(dest(b)), back.from());
    return (System.nanoTime() - t0) / 1e6;
  }

  @Test
  @Order(1)
  void destinationsAreDsaSha1WithANullCertificate() {
    var seen = new HashSet<I2pDestination>();
    for (Node n : nodes.values()) {
      I2pDestination d = dest(n);
      byte[] raw = d.toBytes();
      assertEquals(387, raw.length);
      assertEquals(0, raw[384] | raw[385] | raw[386], "NULL certificate");
      assertEquals(516, d.toBase64().length());
      String priv = n.transport().privateKeyBase64().orElseThrow();
      assertEquals(d, SamKeys.publicOf(priv), "the stored key is the session's");
      assertTrue(n.transport().isUp());
      assertTrue(seen.add(d));
    }
  }

  @Test
  @Order(2)
  void udpForwardingCarriesFullSizeBinaryDatagramsBothWays() throws Exception {
    Node a = node("a");
    Node b = node("b");
    double first = deliver(a, b, binary(10));
    for (int size : new int[] {1, 200, 10_000, 10_240}) {
      deliver(a, b, binary(size));
      deliver(b, a, binary(size));
    }
    double rttSmall = roundTrip(a, b, 100);
    double rttBig = roundTrip(a, b, 10_000);
    System.out.printf(
        "i2pd SAM udp: first datagram %.1f ms; round trip 100 B %.1f ms, 10,000 B %.1f ms%n",
        first, rttSmall, rttBig);
    assertEquals(0, a.transport().metrics().count(Direction.IN, Result.MALFORMED));
  }

  @Test
  @Order(3)
  void controlSocketDatagramsWorkUpToI2pdsBuffer() throws Exception {
    Node c = node("c");
    Node d = node("d");
    deliver(c, d, binary(10));
    for (int size : new int[] {1, 200, 4_000, 7_600}) {
      deliver(c, d, binary(size));
      deliver(d, c, binary(size));
    }
    assertFalse(c.transport().send(new I2pEndpoint(dest(d)), binary(7_700)), "over i2pd's 8,192-byte frame");
    double rtt = roundTrip(c, d, 100);
    // Mixed: a UDP-forwarding session and a control-socket one are the same datagrams on I2P.
    deliver(node("a"), c, binary(5_000));
    deliver(c, node("a"), binary(5_000));
    System.out.printf("i2pd SAM control: round trip 100 B %.1f ms%n", rtt);
  }

  /**
   * Two production-shaped nodes on one i2pd: HELLO verifies both ways over SAM, then a NODE
   * lookup from the first for the second's KadID is answered by it.
   */
  @Test
  @Order(4)
  void kadNodesCompleteHelloAndALookupOverSam() {
    KadOverTransport a = kad.get(0);
    KadOverTransport b = kad.get(1);
    long t0 = System.nanoTime();
    a.node.tell(new KadNode.AddContact(b.identity.contact()));
    a.awaitVerified(kit, b, Duration.ofSeconds(60));
    b.awaitVerified(kit, a, Duration.ofSeconds(60));
    long hello = (System.nanoTime() - t0) / 1_000_000;
    long t1 = System.nanoTime();
    LookupOutcome o = a.lookup(kit, b.identity.id(), Duration.ofSeconds(90));
    System.out.printf("i2pd SAM kad: HELLOs verified in %d ms, lookup %s in %d ms%n", hello,
        o.termination(), (System.nanoTime() - t1) / 1_000_000);
    assertEquals(b.identity.id(), o.completedPeers().get(0).id(), "B answered: " + o);
    TransportMetrics m = a.transport.health().datagramsOut().isEmpty() ? null
        : ((SamDatagramTransport) a.transport).metrics();
    assertNotNull(m);
    assertTrue(m.sized(Direction.OUT) >= 2, "HELLO and REQ went through the transport");
    assertEquals(TransportHealth.State.UP, a.transport.health().state());
  }

  @Test
  @Order(5)
  void aRouterCrashIsSurvivedWithTheSameDestinations() throws Exception {
    Map<String, I2pDestination> before = new java.util.HashMap<>();
    nodes.forEach((k, n) -> before.put(k, dest(n)));
    router.kill();
    await(
        "all sessions reported down",
        Duration.ofSeconds(10),
        () -> nodes.values().stream().noneMatch(n -> n.transport().isUp()));
    assertTrue(node("a").transport().send(new I2pEndpoint(dest(node("b"))), binary(10)), "not failed fast");
    long t0 = System.nanoTime();
    router.start(); // same data directory, same ports
    await(
        "all sessions re-created",
        Duration.ofSeconds(120),
        () -> nodes.values().stream().allMatch(n -> n.transport().isUp())
            && kad.stream().allMatch(k -> k.transport.isUp()));
    System.out.printf(
        "i2pd SAM: after the router restart all 6 sessions were up again in %.1f s%n",
        (System.nanoTime() - t0) / 1e9);
    for (Node n : nodes.values()) {
      assertEquals(before.get(n.name()), dest(n), n.name() + " kept its destination");
      assertTrue(n.transport().metrics().reconnects() >= 1, n.name() + " reconnected");
    }
    deliver(node("a"), node("b"), binary(10_000));
    deliver(node("d"), node("c"), binary(3_000));
    // The Kad nodes kept their destinations and carry on: another lookup completes.
    KadOverTransport a = kad.get(0);
    KadOverTransport b = kad.get(1);
    assertEquals(b.identity.udpDest(), b.transport.ownDestination().orElseThrow());
    assertTrue(a.transport.health().reconnects() >= 1);
    LookupOutcome o = a.lookup(kit, b.identity.id(), Duration.ofSeconds(90));
    assertEquals(b.identity.id(), o.completedPeers().get(0).id(), "after the crash: " + o);
  }
}
