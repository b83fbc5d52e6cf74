package io.pekkomule.node.transport.sam;

import static io.pekkomule.node.transport.sam.SamTestSupport.await;
import static io.pekkomule.node.transport.sam.SamTestSupport.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import io.pekkomule.node.transport.sam.FakeSamBridge.Conn;
import io.pekkomule.node.transport.sam.FakeSamBridge.Keys;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The SAM client against a scripted bridge: replies good and bad, framing, loss, limits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SamDatagramTransportTest {
  private final Random rnd = new Random(7);
  private final Keys ours = Keys.random(rnd);
  private final Keys peer = Keys.random(rnd);
  private final List<InboundDatagram> inbound = new CopyOnWriteArrayList<>();
  private FakeSamBridge bridge;
  private SamDatagramTransport transport;

  @BeforeEach
  void startBridge() throws Exception {
    bridge = new FakeSamBridge();
  }

  @AfterEach
  void stop() throws Exception {
    if (transport != null) {
      transport.close();
    }
    bridge.close();
  }

  private SamDatagramTransport control(Optional<String> key, String extra) {
    return control(key, extra, Clock.systemUTC());
  }

  private SamDatagramTransport control(Optional<String> key, String extra, Clock clock) {
    SamConfig c =
        config(
            "port = "
                + bridge.port()
                + "\ndatagrams = control\n"
                + "reconnect { min-backoff = 20ms, max-backoff = 100ms }\n"
                + extra);
    transport =
        new SamDatagramTransport(c, key, new SimpleMeterRegistry(), new SplittableRandom(1), clock);
    return transport;
  }

  private CompletableFuture<I2pDestination> start(SamDatagramTransport t) {
    return t.start(inbound::add).toCompletableFuture();
  }

  private static byte[] tricky(int size, Random rnd) {
    byte[] b = new byte[size];
    rnd.nextBytes(b);
    byte[] text = "\nDATAGRAM RECEIVED DESTINATION=x SIZE=3\n\r\n\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, b, 0, Math.min(text.length, size));
    if (size > 0) {
      b[size - 1] = '\n';
    }
    return b;
  }

  @Test
  void generatesADsaDestinationCreatesTheSessionAndFramesBinaryDatagramsExactly() throws Exception {
    SamDatagramTransport t = control(Optional.empty(), "");
    CompletableFuture<I2pDestination> up = start(t);
    Conn c = bridge.next();
    String create = c.handshake(ours, true);

    assertEquals(ours.pub(), up.get(5, TimeUnit.SECONDS));
    assertTrue(t.isUp());
    assertEquals(Optional.of(ours.privBase64()), t.privateKeyBase64());
    assertEquals(Optional.of(ours.pub()), t.ownDestination());
    assertEquals(Optional.of("3.1"), t.samVersion());
    assertTrue(
        create.endsWith(
            " i2cp.messageReliability=None inbound.length=2 inbound.quantity=2"
                + " outbound.length=2 outbound.quantity=2"),
        "iMule's options, sorted: " + SamReply.redact(create));
    assertFalse(create.contains("HOST=") || create.contains("PORT="), "no UDP forward");
    assertTrue(c.sessionId.matches("[a-z0-9]{12}"), c.sessionId);

    byte[] p1 = tricky(300, rnd);
    byte[] p2 = tricky(10_240, rnd);
    byte[] p3 = new byte[0];
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(Conn.frame(peer.pubBase64(), p1));
    all.write(Conn.frame(peer.pubBase64(), p2));
    all.write(Conn.frame(peer.pubBase64(), p3));
    c.write(all.toByteArray()); // three frames in one write
    byte[] p4 = tricky(1000, rnd);
    for (byte b : Conn.frame(peer.pubBase64(), p4)) {
      c.write(new byte[] {b}); // one frame a byte at a time
    }
    await("4 datagrams", Duration.ofSeconds(5), () -> inbound.size() == 4);
    List<byte[]> expected = List.of(p1, p2, p3, p4);
    for (int i = 0; i < 4; i++) {
      assertEquals(new I2pEndpoint(peer.pub()), inbound.get(i).from());
      assertArrayEquals(expected.get(i), inbound.get(i).payload(), "datagram " + i);
    }
    assertEquals(4, t.metrics().count(Direction.IN, Result.OK));

    byte[] out = tricky(5000, rnd);
    assertTrue(t.send(new I2pEndpoint(peer.pub()), out));
    assertEquals("DATAGRAM SEND DESTINATION=" + peer.pubBase64() + " SIZE=5000", c.readLine());
    assertArrayEquals(out, c.readBytes(5000));
    await("sent counted", Duration.ofSeconds(2), () -> t.metrics().count(Direction.OUT, Result.OK) == 1);
  }

  @Test
  void dropsNonDsaOversizeAndMalformedSendersAndKeepsTheFraming() throws Exception {
    SamDatagramTransport t = control(Optional.of(ours.privBase64()), "");
    start(t);
    Conn c = bridge.next();
    c.handshake(ours, false);
    String edDsa = peer.pubBase64() + "AAAAAAAA"; // 524 chars, as i2pd's EdDSA destinations
    String notBase64 = "+" + peer.pubBase64().substring(1);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(Conn.frame(edDsa, tricky(100, rnd)));
    all.write(Conn.frame(peer.pubBase64(), tricky(10_241, rnd)));
    all.write(Conn.frame(notBase64, tricky(50, rnd)));
    byte[] good = tricky(77, rnd);
    all.write(Conn.frame(peer.pubBase64(), good));
    c.write(all.toByteArray());
    await("the good datagram", Duration.ofSeconds(5), () -> inbound.size() == 1);
    assertArrayEquals(good, inbound.get(0).payload());
    assertEquals(1, t.metrics().count(Direction.IN, Result.NON_DSA));
    assertEquals(1, t.metrics().count(Direction.IN, Result.OVERSIZE));
    assertEquals(1, t.metrics().count(Direction.IN, Result.MALFORMED));
    assertTrue(t.isUp(), "bad datagrams do not cost the session");
  }

  @Test
  void answersPingWithPong() throws Exception {
    SamDatagramTransport t = control(Optional.of(ours.privBase64()), "");
    start(t);
    Conn c = bridge.next();
    c.handshake(ours, false);
    c.write("PING 12345\n");
    assertEquals("PONG 12345", c.readLine());
    assertTrue(t.isUp());
  }

  @Test
  void refusedVersionsAreRetriedWithBackoff() throws Exception {
    SamDatagramTransport t = control(Optional.of(ours.privBase64()), "");
    CompletableFuture<I2pDestination> up = start(t);
    bridge.next().expectHello("HELLO REPLY RESULT=NOVERSION");
    bridge.next().expectHello("HELLO REPLY RESULT=OK VERSION=2.0");
    bridge.next().expectHello("HELLO REPLY RESULT=I2P_ERROR MESSAGE=\"no SAM for you\"");
    bridge.next().handshake(ours, false);
    assertEquals(ours.pub(), up.get(5, TimeUnit.SECONDS));
    assertEquals(3, t.metrics().reconnects());
  }

  @Test
  void sessionCreateErrorsAreRetriedWithTheSameKeyAndANewId() throws Exception {
    SamDatagramTransport t = control(Optional.empty(), "");
    CompletableFuture<I2pDestination> up = start(t);
    Set<String> ids = new HashSet<>();
    Conn c1 = bridge.next();
    c1.expectHello("HELLO REPLY RESULT=OK VERSION=3.0");
    c1.expectDestGenerate(ours);
    c1.expectSessionCreate(ours, "SESSION STATUS RESULT=I2P_ERROR MESSAGE=\"tunnel build failed\"");
    ids.add(c1.sessionId);
    for (String refusal :
        List.of(
            "SESSION STATUS RESULT=DUPLICATED_DEST",
            "SESSION STATUS RESULT=DUPLICATED_ID",
            "SESSION STATUS RESULT=INVALID_KEY")) {
      Conn c = bridge.next();
      c.expectHello("HELLO REPLY RESULT=OK VERSION=3.0"); // no DEST GENERATE: the key is kept
      c.expectSessionCreate(ours, refusal);
      ids.add(c.sessionId);
    }
    Conn last = bridge.next();
    last.handshake(ours, false);
    ids.add(last.sessionId);
    assertEquals(ours.pub(), up.get(5, TimeUnit.SECONDS));
    assertEquals(5, ids.size(), "a fresh session ID each attempt");
    assertEquals(4, t.metrics().reconnects());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GARBAGE",
        "",
        "hello reply RESULT=OK VERSION=3.1",
        "HELLO REPLY VERSION=3.1",
        "HELLO REPLY RESULT=OK",
        "HELLO REPLY RESULT=OK VERSION=3.1 VERSION=3.0",
        "HELLO REPLY RESULT=\"OK VERSION=3.1",
        "HELLO REPLY RESULT=OK VERSION",
        "SESSION STATUS RESULT=OK",
      })
  void malformedHelloRepliesAreLoggedAndRetried(String reply) throws Exception {
    SamDatagramTransport t = control(Optional.of(ours.privBase64()), "");
    CompletableFuture<I2pDestination> up = start(t);
    bridge.next().expectHello(reply);
    bridge.next().handshake(ours, false);
    assertEquals(ours.pub(), up.get(5, TimeUnit.SECONDS));
    assertEquals(1, t.metrics().reconnects());
  }

  @Test
  void aGeneratedNonDsaDestinationIsRefused() throws Exception {
    SamDatagramTransport t = control(Optional.empty(), "");
    CompletableFuture<I2pDestination> up = start(t);
    Conn c = bridge.next();
    c.expectHello("HELLO REPLY RESULT=OK VERSION=3.1");
    assertEquals("DEST GENERATE SIGNATURE_TYPE=DSA_SHA1", c.readLine());
    // A router that ignores SIGNATURE_TYPE and returns an EdDSA destination (key certificate).
    c.write("DEST REPLY PUB=" + ours.pubBase64() + "BQAEAAcAAA== PRIV=" + ours.privBase64() + "\n");
    Conn c2 = bridge.next();
    c2.expectHello("HELLO REPLY RESULT=OK VERSION=3.1");
    assertEquals("DEST GENERATE SIGNATURE_TYPE=DSA_SHA1", c2.readLine());
    Keys other = Keys.random(rnd);
    c2.write("DEST REPLY PUB=" + ours.pubBase64() + " PRIV=" + other.privBase64() + "\n");
    Conn c3 = bridge.next();
    c3.handshake(ours, true);
    assertEquals(ours.pub(), up.get(5, TimeUnit.SECONDS));
  }

  @Test
  void aNamingReplyForAnotherDestinationIsRefused() throws Exception {
    SamDatagramTransport t = control(Optional.of(ours.privBase64()), "");
    CompletableFuture<I2pDestination> up = start(t);
    Conn c = bridge.next();
    c.expectHello("HELLO REPLY RESULT=OK VERSION=3.1");
    c.expectSessionCreate(ours, "SESSION STATUS RESULT=OK DESTINATION=" + ours.privBase64());
    assertEquals("NAMING LOOKUP NAME=ME", c.readLine());
    c.write("NAMING REPLY RESULT=OK NAME=ME VALUE=" + peer.pubBase64() + "\n");
    bridge.next().handshake(ours, false);
    assertEquals(ours.pub(), up.get(5, TimeUnit.SECONDS));
    assertEquals(1, t.metrics().reconnects());
  }

  @Test
  void sessionLossReconnectsWithTheSameDestinationAndSendsWhatWasBuffered() throws Exception {
    SamDatagramTransport t = control(Optional.empty(), "");
    start(t);
    Conn c1 = bridge.next();
    c1.handshake(ours, true);
    await("up", Duration.ofSeconds(5), t::isUp);
    c1.close(); // the router went away
    await("down", Duration.ofSeconds(5), () -> !t.isUp());
    assertEquals(io.pekkomule.node.transport.TransportHealth.State.DOWN, t.health().state());
    byte[] whileDown = tricky(123, rnd);
    assertTrue(t.send(new I2pEndpoint(peer.pub()), whileDown), "not failed fast while down");
    Conn c2 = bridge.next();
    c2.handshake(ours, false); // same private key, no new DEST GENERATE
    await("up again", Duration.ofSeconds(5), t::isUp);
    assertEquals(Optional.of(ours.pub()), t.ownDestination());
    assertEquals("DATAGRAM SEND DESTINATION=" + peer.pubBase64() + " SIZE=123", c2.readLine());
    assertArrayEquals(whileDown, c2.readBytes(123));
    assertEquals(1, t.metrics().reconnects());
    await("sent counted", Duration.ofSeconds(5), () -> t.health().sizesOut().count() == 1);
    assertEquals(123, t.health().sizesOut().maxBytes());
    assertEquals(1.0, t.health().sizesOut().shareAtMost1k());
    assertEquals(io.pekkomule.node.transport.TransportHealth.State.UP, t.health().state());
  }

  @Test
  void bufferedDatagramsOlderThanTheirMaxAgeAreDropped() throws Exception {
    SamTestSupport.MutableClock clock = new SamTestSupport.MutableClock();
    SamDatagramTransport t = control(Optional.of(ours.privBase64()), "outbound-max-age = 30s", clock);
    start(t);
    Conn c = bridge.next();
    c.expectHello("HELLO REPLY RESULT=OK VERSION=3.1");
    String line = c.readLine(); // SESSION CREATE: hold the reply while the datagram ages
    assertTrue(line.startsWith("SESSION CREATE"));
    assertTrue(t.send(new I2pEndpoint(peer.pub()), new byte[] {1, 2, 3}));
    clock.advance(Duration.ofSeconds(31));
    await(
        "expired",
        Duration.ofSeconds(5),
        () -> t.metrics().count(Direction.OUT, Result.EXPIRED) == 1);
    c.write("SESSION STATUS RESULT=OK DESTINATION=" + ours.privBase64() + "\n");
    assertEquals("NAMING LOOKUP NAME=ME", c.readLine());
    c.write("NAMING REPLY RESULT=OK NAME=ME VALUE=" + ours.pubBase64() + "\n");
    await("up", Duration.ofSeconds(5), t::isUp);
    assertTrue(c.silentFor(Duration.ofMillis(300)), "the expired datagram is not sent");
  }

  @Test
  void refusesOversizeDatagramsAndSendsWhenTheBufferIsFull() throws Exception {
    SamDatagramTransport t = control(Optional.of(ours.privBase64()), "outbound-buffer = 2");
    start(t);
    Conn c = bridge.next();
    c.expectHello("HELLO REPLY RESULT=OK VERSION=3.1"); // never finish: stays down
    assertFalse(t.send(new I2pEndpoint(peer.pub()), new byte[10_241]));
    assertFalse(t.send(new I2pEndpoint(peer.pub()), new byte[7_700]), "an 8,192-byte i2pd frame holds 7,639");
    assertTrue(t.send(new I2pEndpoint(peer.pub()), new byte[7_639]));
    assertEquals(2, t.metrics().count(Direction.OUT, Result.OVERSIZE));
    int accepted = 1;
    while (t.send(new I2pEndpoint(peer.pub()), new byte[10])) {
      accepted++;
      assertTrue(accepted <= 3, "buffer of 2 plus the one the writer holds");
    }
    assertEquals(1, t.metrics().count(Direction.OUT, Result.QUEUE_FULL));
  }

  @Test
  void inboundQueueKeepsTheNewestHundred() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SamConfig cfg =
        config("port = " + bridge.port() + "\ndatagrams = control\n");
    transport =
        new SamDatagramTransport(cfg, Optional.of(ours.privBase64()), new SimpleMeterRegistry());
    List<Integer> seen = new CopyOnWriteArrayList<>();
    transport.start(
        d -> {
          seen.add(d.payload()[0] & 0xFF);
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    Conn c = bridge.next();
    c.handshake(ours, false);
    c.write(Conn.frame(peer.pubBase64(), new byte[] {0}));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 1; i < 150; i++) {
      all.write(Conn.frame(peer.pubBase64(), new byte[] {(byte) i}));
    }
    c.write(all.toByteArray());
    await(
        "49 dropped",
        Duration.ofSeconds(5),
        () -> transport.metrics().count(Direction.IN, Result.QUEUE_FULL) == 49);
    release.countDown();
    await("101 delivered", Duration.ofSeconds(5), () -> seen.size() == 101);
    List<Integer> expected = new ArrayList<>(List.of(0));
    for (int i = 50; i < 150; i++) {
      expected.add(i);
    }
    assertEquals(expected, seen);
  }

  @Test
  void udpModeForwardsBothWays() throws Exception {
    try (DatagramSocket routerUdp =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      routerUdp.setSoTimeout(5000);
      SamConfig cfg =
          config(
              "port = "
                  + bridge.port()
                  + "\ndatagrams = udp\nudp-port = "
                  + routerUdp.getLocalPort());
      transport =
          new SamDatagramTransport(cfg, Optional.of(ours.privBase64()), new SimpleMeterRegistry());
      start(transport);
      Conn c = bridge.next();
      String create = c.handshake(ours, false);
      int forward = transport.forwardPort().orElseThrow();
      assertTrue(create.contains(" HOST=127.0.0.1 PORT=" + forward + " "), "UDP forward asked");

      byte[] big = tricky(10_240, rnd);
      byte[] small = tricky(40, rnd);
      InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), forward);
      routerUdp.send(udpPacket(peer.pubBase64() + "\n", big, to));
      routerUdp.send(udpPacket(peer.pubBase64() + " FROM_PORT=0 TO_PORT=0\n", small, to));
      routerUdp.send(udpPacket("no newline at all", new byte[0], to));
      await("2 datagrams", Duration.ofSeconds(5), () -> inbound.size() == 2);
      assertArrayEquals(big, inbound.get(0).payload());
      assertArrayEquals(small, inbound.get(1).payload());
      assertEquals(new I2pEndpoint(peer.pub()), inbound.get(1).from());
      await(
          "malformed counted",
          Duration.ofSeconds(2),
          () -> transport.metrics().count(Direction.IN, Result.MALFORMED) == 1);

      byte[] out = tricky(10_240, rnd);
      assertTrue(transport.send(new I2pEndpoint(peer.pub()), out));
      DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
      routerUdp.receive(p);
      byte[] got = Arrays.copyOf(p.getData(), p.getLength());
      byte[] head =
          ("3.0 " + c.sessionId + " " + peer.pubBase64() + "\n").getBytes(StandardCharsets.US_ASCII);
      assertArrayEquals(head, Arrays.copyOf(got, head.length));
      assertArrayEquals(out, Arrays.copyOfRange(got, head.length, got.length));
    }
  }

  private static DatagramPacket udpPacket(String head, byte[] payload, InetSocketAddress to) {
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(h, h.length + payload.length);
    System.arraycopy(payload, 0, all, h.length, payload.length);
    return new DatagramPacket(all, all.length, to);
  }

  @Test
  void rejectsAGivenKeyThatIsNotDsaWithoutShowingIt() {
    String edKey = peer.privBase64().substring(0, 800);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> control(Optional.of(edKey), ""));
    assertFalse(e.getMessage().contains(edKey.substring(0, 40)), e.getMessage());
  }

  @Test
  void givesUpAfterMaxAttemptsAndCloseEndsEverything() throws Exception {
    int port = bridge.port();
    bridge.close(); // nothing listens: connection refused every time
    SamConfig cfg =
        config(
            "port = "
                + port
                + "\ndatagrams = control\n"
                + "reconnect { min-backoff = 10ms, max-backoff = 20ms, max-attempts = 3 }");
    transport =
        new SamDatagramTransport(cfg, Optional.empty(), new SimpleMeterRegistry());
    CompletableFuture<I2pDestination> up = start(transport);
    ExecutionException e = assertThrows(ExecutionException.class, () -> up.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("after 4 attempts"), e.getCause().getMessage());
    assertEquals(3, transport.metrics().reconnects());
    assertEquals(io.pekkomule.node.transport.TransportHealth.State.FAILED,
        transport.health().state());
    assertEquals(3, transport.health().reconnects());
    transport.close();
    assertEquals(io.pekkomule.node.transport.TransportHealth.State.CLOSED,
        transport.health().state());
    assertFalse(transport.send(new I2pEndpoint(peer.pub()), new byte[1]));
    bridge = new FakeSamBridge();
  }

  @Test
  void neverLogsThePrivateKey() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(SamDatagramTransport.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      SamDatagramTransport t = control(Optional.empty(), "");
      CompletableFuture<I2pDestination> up = start(t);
      Conn c = bridge.next();
      c.expectHello("HELLO REPLY RESULT=OK VERSION=3.1");
      c.expectDestGenerate(ours);
      // Refusals and malformed replies that echo the key must not bring it into the log.
      c.expectSessionCreate(
          ours, "SESSION STATUS RESULT=I2P_ERROR DESTINATION=" + ours.privBase64());
      Conn c2 = bridge.next();
      c2.expectHello("HELLO REPLY RESULT=OK VERSION=3.1");
      c2.expectSessionCreate(ours, "SESSION STATUS DESTINATION=" + ours.privBase64() + " X");
      Conn c3 = bridge.next();
      c3.expectHello("HELLO REPLY RESULT=OK VERSION=3.1");
      c3.expectSessionCreate(ours, "SESSION STATUS RESULT=OK PRIV " + ours.privBase64());
      bridge.next().handshake(ours, false);
      up.get(5, TimeUnit.SECONDS);
      t.close();
      String needle = ours.privBase64().substring(520, 600); // the secret part
      assertFalse(appender.list.isEmpty());
      for (ILoggingEvent ev : appender.list) {
        String text =
            ev.getFormattedMessage()
                + (ev.getThrowableProxy() == null ? "" : ev.getThrowableProxy().getMessage());
        assertFalse(text.contains(needle), "logged the private key: " + text);
      }
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void exportsStablePrometheusNames() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SamConfig c = config("port = " + bridge.port() + "\ndatagrams = control\n");
    transport = new SamDatagramTransport(c, Optional.of(ours.privBase64()), registry);
    start(transport);
    bridge.next().handshake(ours, false);
    await("up", Duration.ofSeconds(5), transport::isUp);
    String scrape = registry.scrape();
    assertTrue(scrape.contains("transport_datagrams_total{direction=\"in\",result=\"ok\"}"), scrape);
    assertTrue(scrape.contains("transport_datagrams_total{direction=\"out\",result=\"oversize\"}"));
    assertTrue(scrape.contains("transport_reconnects_total"));
    assertTrue(scrape.contains("transport_session_up 1"), scrape);
  }

  @Test
  void backoffIsExponentialJitteredAndBounded() {
    Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), 0.5);
    SplittableRandom r = new SplittableRandom(3);
    for (int attempt = 0; attempt < 100; attempt++) {
      long base = Math.min(60_000, 2_000L << Math.min(attempt, 20));
      for (int k = 0; k < 20; k++) {
        long ms = b.delay(attempt, r).toMillis();
        assertTrue(ms <= base && ms >= base / 2 - 1, attempt + ": " + ms);
      }
    }
    assertNotEquals(b.delay(0, new SplittableRandom(1)), b.delay(0, new SplittableRandom(2)));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ZERO, 0));
  }
}
