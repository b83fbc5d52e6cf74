package io.pekkomule.node.kad.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.node.KadShellKit.FakePeer;
import io.pekkomule.node.kad.node.KadShellKit.Switchboard;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.protocol.crypto.Obfuscation;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.msg.Kad2HelloReq;
import io.pekkomule.protocol.msg.Kad2HelloRes;
import io.pekkomule.protocol.msg.Kad2HelloResAck;
import java.time.Duration;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two real nodes, wired back to back: the HELLO three-way handshake verifies both ways. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KadNodeHandshakeTest {
  private final ActorTestKit kit = KadShellKit.manualTimeKit("handshake");

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void helloHandshakeVerifiesBothWays() throws Exception {
    Random rnd = new Random(11);
    KadIdentity a = KadShellKit.identity(rnd);
    KadIdentity b = KadShellKit.identity(rnd);
    Switchboard wire = new Switchboard();
    KadMetrics metrics = KadMetrics.inMemory();
    ActorRef<KadNode.Command> na =
        KadShellKit.spawnNode(kit, a, wire.portFor(a.endpoint()), metrics, 1);
    ActorRef<KadNode.Command> nb =
        KadShellKit.spawnNode(kit, b, wire.portFor(b.endpoint()), metrics, 2);
    wire.register(a.endpoint(), na);
    wire.register(b.endpoint(), nb);

    na.tell(new KadNode.AddContact(b.contact()));

    TestProbe<RoutingSnapshot> probe = kit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(10), () -> {
      na.tell(new KadNode.GetRouting(probe.ref()));
      assertTrue(probe.receiveMessage().verifiedIds().contains(b.id()), "A verified B");
      nb.tell(new KadNode.GetRouting(probe.ref()));
      assertTrue(probe.receiveMessage().verifiedIds().contains(a.id()), "B verified A");
      return null;
    });

    FakePeer asA = new FakePeer(a);
    FakePeer asB = new FakePeer(b);
    // 1. A's first HELLO_REQ: NodeID-obfuscated, without a receiver key (spec §8 ⚠)
    var req = wire.sent(a.endpoint(), b.endpoint(), 0x0F);
    assertFalse(req.isEmpty());
    DatagramCodec.Inbound r = asB.decode(req.get(0).intent(), a.endpoint());
    assertInstanceOf(Kad2HelloReq.class, r.message());
    assertEquals(Obfuscation.Mode.NODE_ID, r.obfuscation());
    assertEquals(0, r.receiverVerifyKey());
    assertEquals(8, ((Kad2HelloReq) r.message()).sender().kadVersion());
    // 2. B's HELLO_RES asks for the ACK (KADMISCOPTIONS 0x04)
    var res = wire.sent(b.endpoint(), a.endpoint(), 0x10);
    assertFalse(res.isEmpty());
    DatagramCodec.Inbound s = asA.decode(res.get(0).intent(), b.endpoint());
    assertTrue(((Kad2HelloRes) s.message()).requestsAck());
    assertTrue(s.validReceiverKey(), "B echoes A's key: A may verify B");
    // 3. A's HELLO_RES_ACK travels receiver-key encrypted with B's key
    var ack = wire.sent(a.endpoint(), b.endpoint(), 0x12);
    assertEquals(1, ack.size());
    DatagramCodec.Inbound t = asB.decode(ack.get(0).intent(), a.endpoint());
    assertInstanceOf(Kad2HelloResAck.class, t.message());
    assertEquals(Obfuscation.Mode.RECEIVER_KEY, t.obfuscation());
    assertTrue(t.validReceiverKey());
    assertEquals(a.id(), ((Kad2HelloResAck) t.message()).senderId());
    // every packet went out as an intent of the shaper, replies interactive
    res.forEach(x -> assertEquals(io.pekkomule.node.shaper.UrgencyClass.INTERACTIVE,
        x.intent().urgency()));
  }
}
