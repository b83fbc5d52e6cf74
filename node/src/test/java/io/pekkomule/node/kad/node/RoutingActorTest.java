package io.pekkomule.node.kad.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.node.shaper.UrgencyClass;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The routing shell: one bucket actor per leaf zone, and a challenge for every admission. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingActorTest {
  private final ActorTestKit kit = KadShellKit.manualTimeKit("routing");

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void aBootstrapEditionIsAskedForContactsButNeverAdded() {
    Random rnd = new Random(22);
    KadIdentity self = KadShellKit.identity(rnd);
    KadIdentity boot = KadShellKit.identity(rnd);
    TestProbe<OutboundIntent> out = kit.createTestProbe();
    ActorRef<KadNode.Command> node = kit.spawn(KadNode.create(
        io.pekkomule.node.kad.KadNodeSettings.defaults(self),
        new io.pekkomule.node.kad.KadNodeDeps(i -> {
          out.ref().tell(i);
          return true;
        }, KadShellKit.clock(kit.system()), 5, KadMetrics.inMemory(), List.of(), false,
            List.of(boot.contact()))), "boot-edition");
    ManualTime.get(kit.system()).timePasses(Duration.ofSeconds(3));
    OutboundIntent req = out.receiveMessage(Duration.ofSeconds(5));
    assertEquals(0x0D, req.opcode(), "BOOTSTRAP_REQ");
    assertEquals(boot.endpoint(), req.destination());
    assertEquals(UrgencyClass.ROUTINE, req.urgency());
    TestProbe<RoutingSnapshot> probe = kit.createTestProbe();
    node.tell(new KadNode.GetRouting(probe.ref()));
    assertEquals(0, probe.receiveMessage().size());
  }

  @Test
  void oneBucketActorPerLeafAndEveryNewContactIsChallenged() {
    Random rnd = new Random(21);
    KadIdentity self = KadShellKit.identity(rnd);
    TestProbe<OutboundIntent> out = kit.createTestProbe();
    ActorRef<KadNode.Command> node = KadShellKit.spawnNode(kit, self, i -> {
      out.ref().tell(i);
      return true;
    }, KadMetrics.inMemory(), 77);
    Set<Object> offered = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      KadIdentity c = KadShellKit.identity(rnd);
      offered.add(c.endpoint());
      node.tell(new KadNode.AddContact(c.contact()));
    }
    TestProbe<RoutingSnapshot> probe = kit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(5), () -> {
      node.tell(new KadNode.GetRouting(probe.ref()));
      RoutingSnapshot s = probe.receiveMessage();
      assertTrue(s.zones() > 1, "40 contacts split the root zone: " + s);
      assertEquals(s.zones(), s.leaves(), "one bucket actor per leaf zone");
      assertEquals(0, s.verified(), "nothing counts before it answers");
      return null;
    });
    // every admitted contact got a HELLO_REQ challenge, interactive, through the shaper port
    node.tell(new KadNode.GetRouting(probe.ref()));
    int admitted = probe.receiveMessage().size();
    List<OutboundIntent> hellos = out.receiveSeveralMessages(admitted);
    for (OutboundIntent h : hellos) {
      assertEquals(0x0F, h.opcode());
      assertEquals(UrgencyClass.INTERACTIVE, h.urgency());
      assertTrue(offered.contains(h.destination()));
    }
  }
}
