package io.pekkomule.node.kad4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kad4 starter on loopback: two real kad4 nodes (KadNode + aMule dialect + shaper + UDP
 * transport) on 127.0.0.1 and 127.0.0.2; the first is given the second as its bootstrap contact
 * and verifies it through BOOTSTRAP_RES and HELLO in aMule's dialect. Plus the identity and
 * {@code --bind} rules.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class Kad4NodeTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static int freePort(String ip) throws Exception {
    try (DatagramChannel c = DatagramChannel.open()) {
      c.bind(new InetSocketAddress(ip, 0));
      return ((InetSocketAddress) c.getLocalAddress()).getPort();
    }
  }

  @Test
  void twoKad4NodesBootstrapAndVerifyEachOtherOverUdp() throws Exception {
    Ipv4UdpEndpoint bAt = Ipv4UdpEndpoint.of("127.0.0.2", freePort("127.0.0.2"));
    Ipv4UdpEndpoint aAt = Ipv4UdpEndpoint.of("127.0.0.1", freePort("127.0.0.1"));
    Kad4Identity bId = new Kad4Identity(KadId.fromHex("B0000000000000000000000000000002"), 22);
    Kad4Identity aId = new Kad4Identity(KadId.fromHex("A0000000000000000000000000000001"), 11);
    ConcurrentLinkedQueue<Integer> aSent = new ConcurrentLinkedQueue<>();
    try (Kad4Node b = Kad4Node.start(KIT.system(), "kad4-b", bId,
            new Kad4Node.Options(bAt, 4662, List.of()), new SimpleMeterRegistry());
        Kad4Node a = Kad4Node.start(KIT.system(), "kad4-a", aId,
            new Kad4Node.Options(aAt, 4662, List.of(new KadContact(8, bId.id(), bAt)))
                .withTaps(new Kad4Node.Taps(d -> { }, i -> aSent.add(i.datagram()[0] & 0xFF))),
            new SimpleMeterRegistry())) {
      assertEquals(KadDialect.AMULE_KAD4.overlay(), Kad4Node.settings(a.identity()).dialect()
          .overlay());
      TestProbe<RoutingSnapshot> probe = KIT.createTestProbe();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      RoutingSnapshot s;
      do {
        a.node().tell(new KadNode.GetRouting(probe.ref()));
        s = probe.receiveMessage(Duration.ofSeconds(5));
        if (!s.verifiedIds().contains(bId.id())) {
          probe.expectNoMessage(Duration.ofMillis(300));
        }
      } while (!s.verifiedIds().contains(bId.id()) && System.nanoTime() < until);
      assertTrue(s.verifiedIds().contains(bId.id()), "A never verified B: " + s);
      // every datagram A offered carries aMule's header or is obfuscated: never iMule's 0x05/0x06
      assertTrue(aSent.stream().noneMatch(h -> h == 0x05 || h == 0x06), aSent.toString());
      assertTrue(a.transport().metrics().count(
          io.pekkomule.node.transport.TransportMetrics.Direction.IN,
          io.pekkomule.node.transport.TransportMetrics.Result.OK) > 0);
    }
  }

  @Test
  void identityIsCreatedOnceKeptAndNeverSharedWithAnI2pNode(@TempDir Path dir) throws Exception {
    Kad4Identity first = Kad4Identity.loadOrCreate(dir.resolve("k4"));
    Kad4Identity again = Kad4Identity.loadOrCreate(dir.resolve("k4"));
    assertEquals(first, again);
    assertNotEquals(first.id(), Kad4Identity.loadOrCreate(dir.resolve("other")).id());

    Path i2p = dir.resolve("i2p");
    Path journal = JournalConfig.h2DatabaseFile(i2p);
    Files.createDirectories(journal.getParent());
    Files.writeString(journal, "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kad4Identity.loadOrCreate(i2p));
    assertTrue(e.getMessage().contains("one identity, one overlay"), e.getMessage());

    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve(Kad4Identity.FILE), "kad-id=zz\nudp-key-secret=1\n",
        StandardCharsets.ISO_8859_1);
    assertThrows(IllegalArgumentException.class, () -> Kad4Identity.loadOrCreate(bad));
  }

  @Test
  void bindIsParsedStrictly() {
    assertEquals(Ipv4UdpEndpoint.of("203.0.113.4", 4672), Kad4Node.parseBind("203.0.113.4:4672"));
    for (String bad : new String[] {"203.0.113.4", "203.0.113.4:", ":4672", "host:4672",
        "203.0.113.4:0", "203.0.113.4:70000", "0.0.0.0:4672", "1.2.3:4672"}) {
      assertThrows(IllegalArgumentException.class, () -> Kad4Node.parseBind(bad), bad);
    }
  }
}
