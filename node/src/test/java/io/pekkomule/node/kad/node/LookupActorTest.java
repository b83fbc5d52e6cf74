package io.pekkomule.node.kad.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.dispatch.Dispatcher;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.node.kad.routing.RoutingActor;
import io.pekkomule.node.kad.wire.Cadence;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.msg.Kad2Req;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The per-lookup actor (DeviceGroupQuery template) against probes for the routing actor, the
 * dispatcher and the requester, on manual time: each of the four ways a lookup ends, one reply,
 * then the actor stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookupActorTest {
  private final ActorTestKit kit = KadShellKit.manualTimeKit("lookups");
  private final ManualTime time = ManualTime.get(kit.system());
  private final Random rnd = new Random(3);
  private final KadIdentity self = KadShellKit.identity(rnd);
  private long ids;

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  private final class Run {
    final TestProbe<RoutingActor.Command> routing = kit.createTestProbe();
    final TestProbe<Dispatcher.Command> dispatcher = kit.createTestProbe();
    final TestProbe<LookupOutcome> reply = kit.createTestProbe();
    final KadId target = KadId.random(new SplittableRandom(++ids));
    final ActorRef<LookupActor.Command> lookup;

    Run(LookupType type, LookupConfig config, List<KadContact> seeds) {
      lookup = kit.spawn(LookupActor.create(ids, new LookupActor.Spec(type, target, config,
              UrgencyClass.INTERACTIVE, Origin.LOOKUP), self, routing.ref(), dispatcher.ref(),
          reply.ref(), KadShellKit.clock(kit.system()), new Cadence(new SplittableRandom(ids), 0.2)));
      RoutingActor.GetSeeds ask = routing.expectMessageClass(RoutingActor.GetSeeds.class);
      assertEquals(target, ask.target());
      ask.replyTo().tell(new RoutingActor.Seeds(target, seeds));
    }

    /** The REQ the lookup hands the dispatcher next, to whom, asking for how many. */
    Kad2Req expectRequestTo(KadContact to) {
      Dispatcher.Send s = dispatcher.expectMessageClass(Dispatcher.Send.class,
          Duration.ofSeconds(5));
      assertEquals(to.endpoint(), s.outgoing().to());
      assertEquals(to.id(), s.outgoing().receiverId(), "NodeID mode for version 8");
      return assertInstanceOf(Kad2Req.class, s.outgoing().message());
    }

    LookupOutcome expectEnd(Termination reason) {
      LookupOutcome o = reply.expectMessageClass(LookupOutcome.class, Duration.ofSeconds(5));
      assertEquals(reason, o.termination());
      reply.expectTerminated(lookup, Duration.ofSeconds(5));
      reply.expectNoMessage(Duration.ofMillis(100));
      return o;
    }
  }

  private KadContact peer() {
    KadIdentity p = KadShellKit.identity(rnd);
    return p.contact();
  }

  @Test
  void convergesWhenTheClosestAnswered() {
    KadContact a = peer();
    KadContact b = peer();
    Run run = new Run(LookupType.NODE, LookupConfig.IMULE, List.of(a, b));
    KadContact closest = a.id().xor(run.target).compareTo(b.id().xor(run.target)) < 0 ? a : b;
    time.timePasses(Duration.ofSeconds(2));
    Kad2Req req = run.expectRequestTo(closest);
    assertEquals(Kad2Req.FIND_NODE, req.count());
    assertEquals(run.target, req.target());
    assertEquals(self.id(), req.senderId().orElseThrow());
    KadContact learned = peer();
    run.lookup.tell(new LookupActor.NodesReceived(closest.endpoint(), List.of(learned)));
    time.timePasses(Duration.ofSeconds(3));
    LookupOutcome o = run.expectEnd(Termination.CONVERGED);
    assertEquals(List.of(closest), o.completedPeers());
    assertEquals(1, o.results());
  }

  @Test
  void starvesWithNothingToAsk() {
    Run run = new Run(LookupType.NODECOMPLETE, LookupConfig.IMULE, List.of());
    time.timePasses(Duration.ofSeconds(2));
    LookupOutcome o = run.expectEnd(Termination.STARVED);
    assertEquals(0, o.requests());
    run.dispatcher.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void timesOutAfterItsIdleLifetimeWithoutRetransmitting() {
    KadContact silent = peer();
    Run run = new Run(LookupType.NODECOMPLETE, LookupConfig.IMULE, List.of(silent));
    time.timePasses(Duration.ofSeconds(2));
    run.expectRequestTo(silent);
    // NODECOMPLETE's idle lifetime is 60 s; the silent peer is never asked again. Virtual time
    // moves in 5 s steps (bounded) so that a timer the actor arms late on a loaded machine still
    // fires: one big jump could pass before the timer exists.
    LookupOutcome o = null;
    long elapsed = 0;
    for (int step = 0; step < 40 && o == null; step++) {
      time.timePasses(Duration.ofSeconds(5));
      elapsed += 5;
      try {
        o = run.reply.expectMessageClass(LookupOutcome.class, Duration.ofMillis(200));
      } catch (AssertionError notYet) {
        // not ended at this virtual time
      }
    }
    assertNotNull(o, "the lookup never ended within 200 virtual seconds");
    assertEquals(Termination.TIMED_OUT, o.termination());
    assertTrue(elapsed >= 60, "ended after " + elapsed + " virtual s, before its 60 s lifetime");
    run.reply.expectTerminated(run.lookup, Duration.ofSeconds(5));
    assertEquals(1, o.requests());
    run.dispatcher.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void cancelEndsItAtOnce() {
    KadContact a = peer();
    Run run = new Run(LookupType.NODECOMPLETE, LookupConfig.IMULE, List.of(a));
    time.timePasses(Duration.ofSeconds(2));
    run.expectRequestTo(a);
    run.lookup.tell(LookupActor.Cancel.INSTANCE);
    LookupOutcome o = run.expectEnd(Termination.CANCELLED);
    assertEquals(1, o.requests());
  }
}
