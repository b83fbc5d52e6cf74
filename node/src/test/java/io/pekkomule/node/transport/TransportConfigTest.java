package io.pekkomule.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.transport.embedded.EmbeddedDatagramTransport;
import io.pekkomule.node.transport.sam.SamDatagramTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** conf/transport.conf as shipped validates; each kind of mistake gives a clear, keyed error. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportConfigTest {
  private final Config shipped = ConfigFactory.parseResources("transport.conf").resolve();

  private Config with(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(shipped).resolve();
  }

  private List<String> problems(Config c) {
    return assertThrows(TransportConfigException.class, () -> TransportConfig.from(c)).problems();
  }

  @Test
  void shippedDefaultsAreValidForBothKinds() {
    TransportConfig e = TransportConfig.from(shipped);
    assertEquals(TransportConfig.Kind.EMBEDDED, e.kind(), "embedded is the default");
    assertEquals("2", e.embedded().tunnelOptions().get("inbound.length"), "iMule's 2 hops");
    assertEquals("2", e.embedded().tunnelOptions().get("outbound.quantity"), "iMule's 2 tunnels");
    assertTrue(e.embedded().reseed(), "reseeding on for real use");
    TransportConfig s = TransportConfig.from(TransportConfig.withKind(shipped, "SAM"));
    assertEquals(TransportConfig.Kind.SAM, s.kind());
    assertEquals(7656, s.sam().port());
    assertEquals(7655, s.sam().udpPort());
    assertEquals("2", s.sam().tunnelOptions().get("outbound.length"));
  }

  @Test
  void unknownKindNamesTheChoices() {
    assertEquals(List.of("pekko-mule.transport.kind: unknown transport 'tor' (embedded or sam)"),
        problems(with("pekko-mule.transport.kind = tor")));
    TransportConfigException e = assertThrows(TransportConfigException.class,
        () -> TransportConfig.withKind(shipped, "udp"));
    assertTrue(e.getMessage().contains("unknown transport 'udp'"), e.getMessage());
  }

  @Test
  void everySamProblemIsReportedAtOnceWithItsKey() {
    List<String> p = problems(with("""
        pekko-mule.transport {
          kind = sam
          sam {
            port = 70000
            forward-host = localhost
            datagrams = tcp
            signature-type = EdDSA_SHA512_Ed25519
            tunnel { "inbound.length" = 9, "outbound.quantity" = two,
                     "i2cp.messageReliability" = Sometimes }
            reconnect { min-backoff = 10s, max-backoff = 1s, jitter = 1.5 }
            timeouts.reply = 0s
          }
        }"""));
    assertEquals(List.of(
        "pekko-mule.transport.sam.port: must be 1..65535, got 70000",
        "pekko-mule.transport.sam.forward-host: must be an IP literal the router can reach (i2pd"
            + " does not resolve names here), got 'localhost'",
        "pekko-mule.transport.sam.datagrams: must be one of [control, udp], got 'tcp'",
        "pekko-mule.transport.sam.signature-type: must be DSA_SHA1: iMule accepts only 387-byte"
            + " DSA_SHA1 destinations, got 'EdDSA_SHA512_Ed25519'",
        "pekko-mule.transport.sam.tunnel.\"i2cp.messageReliability\": must be None, BestEffort or"
            + " Guaranteed, got 'Sometimes'",
        "pekko-mule.transport.sam.tunnel.\"inbound.length\": must be 0..7, got 9",
        "pekko-mule.transport.sam.tunnel.\"outbound.quantity\": expected a whole number, got 'two'",
        "pekko-mule.transport.sam.timeouts.reply: must be a positive duration, got PT0S",
        "pekko-mule.transport.sam.reconnect.max-backoff: must be at least min-backoff (PT10S),"
            + " got PT1S",
        "pekko-mule.transport.sam.reconnect.jitter: must be in [0, 1), got 1.5"), p);
  }

  @Test
  void wrongTypesAndMissingKeysAreNamed() {
    List<String> p = problems(with("""
        pekko-mule.transport {
          kind = sam
          max-datagram-bytes = 20000
          sam { port = abc, inbound-queue = null }
        }"""));
    assertTrue(p.contains("pekko-mule.transport.sam.port: expected a whole number, got 'abc'"),
        p.toString());
    assertTrue(p.contains("pekko-mule.transport.max-datagram-bytes: must be 1..10240, got 20000"),
        p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("pekko-mule.transport.sam.inbound-queue:")),
        p.toString());
    assertEquals(List.of("pekko-mule.transport: missing or not an object"),
        problems(ConfigFactory.empty()));
  }

  @Test
  void embeddedBandwidthAndShareAreBounded() {
    List<String> p = problems(with("""
        pekko-mule.transport.embedded {
          bandwidth { inbound-kbytes-per-second = 0, share-percent = 101 }
          offline = maybe
          router-dir = ""
        }"""));
    assertEquals(List.of(
        "pekko-mule.transport.embedded.router-dir: must not be empty",
        "pekko-mule.transport.embedded.offline: expected on or off, got 'maybe'",
        "pekko-mule.transport.embedded.bandwidth.inbound-kbytes-per-second: must be"
            + " 12..1000000, got 0",
        "pekko-mule.transport.embedded.bandwidth.share-percent: must be 0..100, got 101"), p);
  }

  @Test
  void routerOptionsAreSingleValuesTheTransportDoesNotOwn() {
    List<String> p = problems(with("""
        pekko-mule.transport.embedded.router-options {
          "i2np.ntcp.port" = 23456
          i2np.udp.host = "127.0.0.1"
          "i2p.dir.base" = "/tmp/x"
          "router.networkID" = 7
          "router.reseedDisable" = true
        }"""));
    String k = "pekko-mule.transport.embedded.router-options.";
    assertEquals(List.of(
        k + "\"i2np\": must be a single value (quote dotted property names: \"i2np.…\" = value)",
        k + "\"i2p.dir.base\": set from router-dir, not here",
        k + "\"router.networkID\": Java I2P 2.7 reads it from router.config only; it would be"
            + " ignored here",
        k + "\"router.reseedDisable\": set from reseed (and offline), not here"),
        p.stream().sorted().toList());
    assertEquals("23456", TransportConfig.from(with(
        "pekko-mule.transport.embedded.router-options { \"i2np.ntcp.port\" = 23456 }"))
        .embedded().routerOptions().get("i2np.ntcp.port"), "passed verbatim");
  }

  @Test
  void onlyTheChosenTransportIsChecked() {
    // a broken SAM section does not stop an embedded node
    assertEquals(TransportConfig.Kind.EMBEDDED,
        TransportConfig.from(with("pekko-mule.transport.sam.port = 0")).kind());
  }

  @Test
  void samOptionParsesHostAndPort() {
    TransportConfig c = TransportConfig.from(TransportConfig.withKind(
        TransportConfig.withSam(shipped, "10.0.0.2:7777"), "sam"));
    assertEquals("10.0.0.2", c.sam().host());
    assertEquals(7777, c.sam().port());
    assertEquals(7776, c.sam().udpPort(), "UDP port follows: port - 1");
    assertEquals("::1", TransportConfig.from(TransportConfig.withKind(
        TransportConfig.withSam(shipped, "[::1]:7656"), "sam")).sam().host());
    for (String bad : List.of("localhost", "host:0", "host:x", ":7656", "a b:1")) {
      TransportConfigException e = assertThrows(TransportConfigException.class,
          () -> TransportConfig.withSam(shipped, bad), bad);
      assertEquals("--sam: expected HOST:PORT with a port in 1..65535 (e.g. 127.0.0.1:7656), got '"
          + bad + "'", e.problems().get(0));
    }
  }

  @Test
  void keysRoundTripThroughTheIdentityStoreForm() {
    String key = EmbeddedDatagramTransport.generatePrivateKey();
    try (DatagramTransport t = Transports.create("embedded", shipped, Path.of("/d"),
        Optional.of(key), new SimpleMeterRegistry())) {
      var keys = Transports.keysToStore(t).orElseThrow();
      assertEquals(663, keys.privateKeys().length(), "raw DSA_SHA1 PRIV bytes");
      assertEquals(t.ownDestination().orElseThrow(), keys.destination());
      var identity = new io.pekkomule.persistence.identity.Identity(
          new io.pekkomule.protocol.KadId(1, 2), 7, java.time.Instant.EPOCH,
          io.pekkomule.persistence.identity.IdentityOrigin.GENERATED, Optional.of(keys), 1);
      assertEquals(Optional.of(key), Transports.storedPrivateKey(identity));
    }
    try (DatagramTransport t = Transports.create("sam", shipped, Path.of("/d"), Optional.empty(),
        new SimpleMeterRegistry())) {
      assertEquals(Optional.empty(), Transports.keysToStore(t), "nothing before DEST GENERATE");
    }
  }

  @Test
  void factoryBuildsTheNamedTransportUnstarted() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    try (DatagramTransport e = Transports.create("embedded", shipped, Path.of("/data/node"),
        Optional.empty(), r)) {
      assertInstanceOf(EmbeddedDatagramTransport.class, e);
      assertEquals(TransportHealth.State.STARTING, e.health().state());
      assertEquals("/data/node/i2p", e.health().where(), "router data under the data directory");
      io.pekkomule.node.api.TransportView v = io.pekkomule.node.api.TransportView.of(e.health());
      assertEquals("embedded", v.kind());
      assertEquals(false, v.up());
      assertEquals("embedded starting (/data/node/i2p), 0 reconnects, in 0 ok / 0 dropped,"
          + " out 0 ok / 0 refused or lost", v.detail());
    }
    try (DatagramTransport s = Transports.create("sam", shipped, Path.of("/data/node"),
        Optional.empty(), new SimpleMeterRegistry())) {
      assertInstanceOf(SamDatagramTransport.class, s);
      assertEquals("sam", s.health().kind());
      assertEquals("127.0.0.1:7656", s.health().where());
    }
    assertThrows(TransportConfigException.class, () -> Transports.create("tor", shipped,
        Path.of("/d"), Optional.empty(), new SimpleMeterRegistry()));
  }
}
