package io.pekkomule.node.kad.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.node.KadShellKit.FakePeer;
import io.pekkomule.node.kad.search.Packets;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.msg.Kad1PublishReq;
import io.pekkomule.protocol.msg.Kad1PublishRes;
import io.pekkomule.protocol.msg.Kad1SearchReq;
import io.pekkomule.protocol.msg.Kad1SearchRes;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import io.pekkomule.protocol.msg.Kad2SearchKeyReq;
import io.pekkomule.protocol.msg.Kad2SearchNotesReq;
import io.pekkomule.protocol.msg.Kad2SearchRes;
import io.pekkomule.protocol.msg.Kad2SearchSourceReq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.FishingOutcome;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One real node serving a peer the test plays by hand: searches are always answered (an empty
 * SEARCH_RES on a miss), publishes get iMule's PUBLISH_RES shapes, notes are stored but never
 * acknowledged, and every reply leaves as an interactive reply through the shaper port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KadNodeIndexServingTest {
  private final ActorTestKit kit = KadShellKit.manualTimeKit("index-serving");
  private final Random rnd = new Random(11);
  private int seed = 100;

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

  private static OutboundIntent next(Node n, int opcode, Endpoint to) {
    List<OutboundIntent> got =
        n.out().fishForMessage(Duration.ofSeconds(5), i -> outcome(i, opcode, to));
    return got.get(got.size() - 1);
  }

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

  private static <T> T reply(FakePeer p, Node n, int opcode, Class<T> type) throws Exception {
    OutboundIntent i = next(n, opcode, p.dest());
    assertEquals(UrgencyClass.INTERACTIVE, i.urgency(), "every answer is an interactive reply");
    return assertInstanceOf(type, p.decode(i, n.dest()).message());
  }

  @Test
  void searchesPublishesAndNotesAreServedAsImuleDoes() throws Exception {
    Node n = node();
    FakePeer p = new FakePeer(KadShellKit.identity(rnd));
    KadId key = KeywordHasher.hash("sunset");

    // a miss: an empty SEARCH_RES all the same
    n.ref().tell(p.to(new Kad2SearchKeyReq(key, 0, Optional.empty()), n.id().id(), 0, n.dest()));
    Kad2SearchRes miss = reply(p, n, 0x17, Kad2SearchRes.class);
    assertEquals(n.id().id(), miss.senderId());
    assertEquals(key, miss.key());
    assertEquals(List.of(), miss.results());

    // keyword publish: PUBLISH_RES key · load, then found
    SharedFile f = SharedFile.complete(new KadId(5, 6), "Sunset over sea.jpg", 12345);
    n.ref().tell(p.to(Packets.publishKeyword(key, List.of(f)).get(0), n.id().id(), 0, n.dest()));
    Kad2PublishRes ack = reply(p, n, 0x1B, Kad2PublishRes.class);
    assertEquals(key, ack.key());
    assertTrue(ack.sourceCounts().isEmpty());
    assertEquals(1, ack.load());
    n.ref().tell(p.to(new Kad2SearchKeyReq(key, 0, Optional.empty()), n.id().id(), 0, n.dest()));
    Kad2SearchRes hit = reply(p, n, 0x17, Kad2SearchRes.class);
    assertEquals(List.of(f.fileId()), hit.results().stream().map(e -> e.id()).toList());

    // source publish: iMule's source shape with counts
    n.ref().tell(p.to(Packets.publishSource(f, new KadId(9, 9), p.identity.udpDest(), 8), n.id().id(), 0,
        n.dest()));
    Kad2PublishRes src = reply(p, n, 0x1B, Kad2PublishRes.class);
    assertEquals(f.fileId(), src.key());
    assertEquals(1, src.sourceCounts().orElseThrow().total());
    n.ref().tell(p.to(new Kad2SearchSourceReq(f.fileId(), 0, f.size()), n.id().id(), 0, n.dest()));
    assertEquals(1, reply(p, n, 0x17, Kad2SearchRes.class).results().size());

    // notes: stored, never acknowledged, found by a notes search
    n.ref().tell(p.to(Packets.publishNotes(f.withNotes(5, "nice"), p.identity.id(), 8),
        n.id().id(), 0, n.dest()));
    assertEquals(List.of(), drain(n, 0x1B, p.dest()), "iMule never answers a notes publish");
    n.ref().tell(p.to(new Kad2SearchNotesReq(f.fileId(), f.size()), n.id().id(), 0, n.dest()));
    assertEquals(1, reply(p, n, 0x17, Kad2SearchRes.class).results().size());
    assertEquals(1.0, n.metrics().servedCount("miss"));
    assertEquals(3.0, n.metrics().servedCount("hit"));
    assertEquals(3.0, n.metrics().servedCount("stored"));
  }

  @Test
  void kad1SearchesAndPublishesAreServedWithKad1LayoutsInThePlain() throws Exception {
    Node n = node();
    FakePeer p = new FakePeer(KadShellKit.identity(rnd));
    KadId key = KeywordHasher.hash("harbour");
    SharedFile f = SharedFile.complete(new KadId(7, 8), "Harbour at night.jpg", 4321);
    var k2 = Packets.publishKeyword(key, List.of(f)).get(0);
    // a Kad1 peer sends plain (no receiver id, no key)
    n.ref().tell(p.to(new Kad1PublishReq(key, k2.entries()), null, 0, n.dest()));
    OutboundIntent ackIntent = next(n, 0x0B, p.dest());
    assertEquals(UrgencyClass.INTERACTIVE, ackIntent.urgency());
    var ackIn = p.decode(ackIntent, n.dest());
    assertEquals(io.pekkomule.protocol.crypto.Obfuscation.Mode.PLAIN, ackIn.obfuscation(),
        "iMule answers Kad1 without a receiver key");
    Kad1PublishRes ack = assertInstanceOf(Kad1PublishRes.class, ackIn.message());
    assertEquals(key, ack.key());
    assertTrue(ack.sourceCounts().isEmpty());

    n.ref().tell(p.to(new Kad1SearchReq(key, 0, Optional.empty()), null, 0, n.dest()));
    Kad1SearchRes hit = reply(p, n, 0x08, Kad1SearchRes.class);
    assertEquals(key, hit.key());
    assertEquals(List.of(f.fileId()), hit.results().stream().map(e -> e.id()).toList());

    // a Kad1 miss is not answered (iMule: count > 0 || kad2)
    n.ref().tell(p.to(new Kad1SearchReq(KeywordHasher.hash("nowhere"), 0, Optional.empty()),
        null, 0, n.dest()));
    assertEquals(List.of(), drain(n, 0x08, p.dest()));
    assertEquals(1.0, n.metrics().servedCount("miss"));
  }
}
