package io.pekkomule.node.kad.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.node.KadShellKit.FakePeer;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.msg.Kad2HelloReq;
import io.pekkomule.protocol.msg.Kad2HelloRes;
import io.pekkomule.protocol.msg.Kad2HelloResAck;
import io.pekkomule.protocol.msg.Kad2Ping;
import io.pekkomule.protocol.msg.Kad2Req;
import io.pekkomule.protocol.msg.Kad2Res;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.FishingOutcome;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One real node against peers the test plays by hand (with real keys): REQ serving, flood
 * limits, and silent, delayed, counted drops of bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KadNodeServingTest {
  private final ActorTestKit kit = KadShellKit.manualTimeKit("serving");
  private final ManualTime time = ManualTime.get(kit.system());
  private final Random rnd = new Random(5);
  private int seed;

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  private record Node(KadIdentity id, ActorRef<KadNode.Command> ref, TestProbe<OutboundIntent> out,
      KadMetrics metrics) {
    Endpoint dest() {
      return id.endpoint();
    }
  }

  private Node node() {
    KadIdentity id = KadShellKit.identity(rnd);
    TestProbe<OutboundIntent> out = kit.createTestProbe();
    KadMetrics metrics = KadMetrics.inMemory();
    ActorRef<KadNode.Command> ref = KadShellKit.spawnNode(kit, id, i -> {
      out.ref().tell(i);
      return true;
    }, metrics, ++seed);
    return new Node(id, ref, out, metrics);
  }

  private static FishingOutcome outcome(OutboundIntent i, int opcode, Endpoint to) {
    return i.opcode() == opcode && i.destination().equals(to) ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore();
  }

  /** The next intent with this opcode to this peer, skipping any other traffic. */
  private static OutboundIntent next(Node n, int opcode, Endpoint to) {
    List<OutboundIntent> got =
        n.out().fishForMessage(Duration.ofSeconds(5), i -> outcome(i, opcode, to));
    return got.get(got.size() - 1);
  }

  /** Intents to {@code to} with {@code opcode} within a short real-time window. */
  private static List<OutboundIntent> drain(Node n, int opcode, Endpoint to) {
    List<OutboundIntent> all = new ArrayList<>(n.out().receiveSeveralMessages(0));
    try {
      while (true) {
        all.add(n.out().receiveMessage(Duration.ofMillis(300)));
      }
    } catch (AssertionError done) {
      // nothing more arrived
    }
    return all.stream().filter(i -> i.opcode() == opcode && i.destination().equals(to)).toList();
  }

  /**
   * Like {@link #drain} but first waits (bounded, 5 s per datagram) until {@code expected}
   * matching datagrams arrived, so a loaded machine cannot end the drain between two replies.
   */
  private static List<OutboundIntent> drainExpecting(Node n, int opcode, Endpoint to,
      int expected) {
    List<OutboundIntent> matching = new ArrayList<>();
    while (matching.size() < expected) {
      OutboundIntent i = n.out().receiveMessage(Duration.ofSeconds(5));
      if (i.opcode() == opcode && i.destination().equals(to)) {
        matching.add(i);
      }
    }
    matching.addAll(drain(n, opcode, to));
    return matching;
  }

  /** A peer says hello, completes the ACK, then says hello again: verified and alive (type 2). */
  private void befriend(Node n, FakePeer p) throws Exception {
    n.ref().tell(p.to(Kad2HelloReq.of(p.identity.kad2Contact()), n.id().id(), 0, n.dest()));
    OutboundIntent res = next(n, 0x10, p.dest());
    DatagramCodec.Inbound in = p.decode(res, n.dest());
    assertTrue(((Kad2HelloRes) in.message()).requestsAck());
    long nodeKey = in.senderVerifyKey();
    n.ref().tell(p.to(new Kad2HelloResAck(p.identity.id()), null, nodeKey, n.dest()));
    n.ref().tell(p.to(Kad2HelloReq.of(p.identity.kad2Contact()), n.id().id(), nodeKey,
        n.dest()));
    DatagramCodec.Inbound again = p.decode(next(n, 0x10, p.dest()), n.dest());
    assertTrue(!((Kad2HelloRes) again.message()).requestsAck(), "known and proven: no ACK asked");
  }

  @Test
  void reqIsAnsweredOnlyWhenTheCheckIdIsOurs() throws Exception {
    Node n = node();
    List<FakePeer> peers = List.of(new FakePeer(KadShellKit.identity(rnd)),
        new FakePeer(KadShellKit.identity(rnd)), new FakePeer(KadShellKit.identity(rnd)));
    for (FakePeer p : peers) {
      befriend(n, p);
    }
    FakePeer asker = peers.get(0);
    KadId target = KadId.random(new java.util.SplittableRandom(3));

    n.ref().tell(asker.to(Kad2Req.of(Kad2Req.FIND_NODE, target, n.id().id(), asker.identity.id()),
        n.id().id(), 0, n.dest()));
    DatagramCodec.Inbound res = asker.decode(next(n, 0x13, asker.dest()), n.dest());
    Kad2Res answer = assertInstanceOf(Kad2Res.class, res.message());
    assertEquals(target, answer.target());
    Set<KadId> ids = answer.contacts().stream().map(Kad2Contact::id).collect(Collectors.toSet());
    assertEquals(peers.stream().map(p -> p.identity.id()).collect(Collectors.toSet()), ids,
        "the verified, live contacts");

    // count & 0x1F = 2: at most two contacts
    n.ref().tell(asker.to(Kad2Req.of(0x22, target, n.id().id(), asker.identity.id()),
        n.id().id(), 0, n.dest()));
    Kad2Res two = (Kad2Res) asker.decode(next(n, 0x13, asker.dest()), n.dest()).message();
    assertEquals(2, two.contacts().size());

    // a check id that is not ours: silence, and a drop counted once it settles
    KadId other = new KadId(n.id().id().hi() ^ 1, n.id().id().lo());
    n.ref().tell(asker.to(Kad2Req.of(Kad2Req.FIND_NODE, target, other, asker.identity.id()),
        n.id().id(), 0, n.dest()));
    assertEquals(List.of(), drain(n, 0x13, asker.dest()));
    time.timePasses(Duration.ofSeconds(6));
    n.out().awaitAssert(Duration.ofSeconds(3), () -> {
      assertEquals(1.0, n.metrics().inboundCount(KadMetrics.Inbound.DROPPED, "not_for_us"));
      return null;
    });
  }

  /** The ids a REQ for {@code target} from {@code asker} is answered with. */
  private Set<KadId> ask(Node n, FakePeer asker, KadId target) throws Exception {
    n.ref().tell(asker.to(Kad2Req.of(Kad2Req.FIND_NODE, target, n.id().id(), asker.identity.id()),
        n.id().id(), 0, n.dest()));
    Kad2Res res = (Kad2Res) asker.decode(next(n, 0x13, asker.dest()), n.dest()).message();
    return res.contacts().stream().map(Kad2Contact::id).collect(Collectors.toSet());
  }

  @Test
  void resHandsOutOnlyVerifiedLiveContactsNotANewcomerBeforeItsAck() throws Exception {
    Node n = node();
    FakePeer asker = new FakePeer(KadShellKit.identity(rnd));
    FakePeer friend = new FakePeer(KadShellKit.identity(rnd));
    befriend(n, asker);
    befriend(n, friend);
    FakePeer newcomer = new FakePeer(KadShellKit.identity(rnd));
    // the newcomer says hello; we add it and ask for the three-way ACK, which it does not send yet
    n.ref().tell(newcomer.to(Kad2HelloReq.of(newcomer.identity.kad2Contact()), n.id().id(), 0,
        n.dest()));
    DatagramCodec.Inbound res = newcomer.decode(next(n, 0x10, newcomer.dest()), n.dest());
    assertTrue(((Kad2HelloRes) res.message()).requestsAck());
    KadId target = newcomer.identity.id();
    assertEquals(Set.of(asker.identity.id(), friend.identity.id()), ask(n, asker, target),
        "known but unproven: not handed out, even for its own id");

    // the ACK (receiver-key encrypted with our key) proves its endpoint: now it is handed out
    n.ref().tell(newcomer.to(new Kad2HelloResAck(newcomer.identity.id()), null,
        res.senderVerifyKey(), n.dest()));
    assertEquals(Set.of(asker.identity.id(), friend.identity.id(), newcomer.identity.id()),
        ask(n, asker, target));
  }

  @Test
  void floodLimitDropsAboveTheAllowanceAndBansAtFiveTimes() throws Exception {
    Node n = node();
    FakePeer flooder = new FakePeer(KadShellKit.identity(rnd));
    FakePeer other = new FakePeer(KadShellKit.identity(rnd));
    for (int i = 0; i < 12; i++) {
      n.ref().tell(flooder.to(new Kad2Ping(), n.id().id(), 0, n.dest()));
    }
    // iMule allows 2 PINGs a minute: two PONGs, the 3rd to 10th dropped, the 11th bans
    assertEquals(2, drainExpecting(n, 0x1F, flooder.dest(), 2).size());
    n.ref().tell(flooder.to(Kad2HelloReq.of(flooder.identity.kad2Contact()), n.id().id(), 0,
        n.dest()));
    assertEquals(List.of(), drain(n, 0x10, flooder.dest()), "banned: even a HELLO is ignored");
    n.ref().tell(other.to(new Kad2Ping(), n.id().id(), 0, n.dest()));
    next(n, 0x1F, other.dest());

    time.timePasses(Duration.ofSeconds(6));
    n.out().awaitAssert(Duration.ofSeconds(3), () -> {
      assertEquals(8.0, n.metrics().inboundCount(KadMetrics.Inbound.FLOOD_LIMITED, "over_limit"));
      assertEquals(1.0, n.metrics().inboundCount(KadMetrics.Inbound.FLOOD_LIMITED, "ban"));
      assertEquals(2.0, n.metrics().inboundCount(KadMetrics.Inbound.FLOOD_LIMITED, "banned"));
      return null;
    });

    // the ban lapses after a minute; the HELLO allowance was never used
    time.timePasses(Duration.ofSeconds(61));
    n.ref().tell(flooder.to(Kad2HelloReq.of(flooder.identity.kad2Contact()), n.id().id(), 0,
        n.dest()));
    next(n, 0x10, flooder.dest());
  }

  @Test
  void badInputIsDroppedSilentlyLaterAndCounted() throws Exception {
    Node n = node();
    FakePeer p = new FakePeer(KadShellKit.identity(rnd));
    byte[] garbage = new byte[60];
    new Random(9).nextBytes(garbage);
    garbage[0] = (byte) 0x41; // not a protocol byte, and no key decrypts it
    byte[] hello = p.encode(Kad2HelloReq.of(p.identity.kad2Contact()), null, 0, n.dest());
    byte[] truncated = java.util.Arrays.copyOf(hello, 40);
    byte[] unknown = {0x05, 0x7F, 1, 2, 3};
    byte[] oversized = new byte[10_241];
    oversized[0] = 0x05;
    for (byte[] d : List.of(garbage, truncated, unknown, oversized)) {
      n.ref().tell(new KadNode.DatagramReceived(p.dest(), d));
    }
    // a RES nobody asked for
    n.ref().tell(p.to(new Kad2Res(KadId.random(new java.util.SplittableRandom(1)), List.of()),
        n.id().id(), 0, n.dest()));

    n.out().expectNoMessage(Duration.ofMillis(400));
    assertEquals(0.0, n.metrics().inboundCount(KadMetrics.Inbound.MALFORMED),
        "drops settle after a delay, never at once");
    time.timePasses(Duration.ofSeconds(6));
    n.out().awaitAssert(Duration.ofSeconds(3), () -> {
      assertEquals(3.0, n.metrics().inboundCount(KadMetrics.Inbound.MALFORMED));
      assertEquals(1.0, n.metrics().inboundCount(KadMetrics.Inbound.DROPPED, "unknown_opcode"));
      assertEquals(1.0, n.metrics().inboundCount(KadMetrics.Inbound.UNSOLICITED));
      assertEquals(0.0, n.metrics().inboundCount(KadMetrics.Inbound.ACCEPTED));
      return null;
    });
    n.out().expectNoMessage(Duration.ofMillis(200));
  }
}
