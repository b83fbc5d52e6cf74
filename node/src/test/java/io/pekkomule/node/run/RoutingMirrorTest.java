package io.pekkomule.node.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.node.kad.routing.HelloKind;
import io.pekkomule.node.kad.routing.RemovalReason;
import io.pekkomule.node.kad.routing.RoutingContact;
import io.pekkomule.node.kad.routing.RoutingEffect;
import io.pekkomule.node.kad.routing.UdpKey;
import io.pekkomule.node.kad.routing.UpdateKind;
import io.pekkomule.persistence.buckets.EvictionReason;
import io.pekkomule.persistence.buckets.RoutingBuckets;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Random;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link RoutingMirror}: routing effects become bucket commands, one in flight, coalesced. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingMirrorTest {
  private final ActorTestKit kit = ActorTestKit.create("RoutingMirrorTest");
  private final Random rnd = new Random(3);

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  private RoutingContact contact(KadId id, int type, boolean verified) {
    byte[] b = new byte[I2pDestination.BYTES];
    rnd.nextBytes(b);
    b[0] |= 1;
    b[384] = 0;
    b[385] = 0;
    b[386] = 0;
    return new RoutingContact(id, new I2pEndpoint(I2pDestination.of(b)), 8, new UdpKey(77, 5), verified, type,
        ContactState.VERIFIED, 1_000, 0, 1_000, true, 0);
  }

  private <T extends RoutingBuckets.Command> T next(TestProbe<RoutingBuckets.Command> store,
      Class<T> type) {
    return assertInstanceOf(type, store.expectMessageClass(RoutingBuckets.Command.class));
  }

  private static void ack(RoutingBuckets.Command c) {
    ActorRef<Done> r;
    if (c instanceof RoutingBuckets.UpdateContact u) {
      r = u.replyTo();
    } else if (c instanceof RoutingBuckets.VerifyContact v) {
      r = v.replyTo();
    } else if (c instanceof RoutingBuckets.EvictContact e) {
      r = e.replyTo();
    } else if (c instanceof RoutingBuckets.AgeContact a) {
      r = a.replyTo();
    } else if (c instanceof RoutingBuckets.CacheCandidate cc) {
      r = cc.replyTo();
    } else {
      r = ((RoutingBuckets.Checkpoint) c).replyTo();
    }
    r.tell(Done.getInstance());
  }

  @Test
  void effectsBecomeCommandsOneInFlightLatestStateWinsAndAcksAreTracked() {
    TestProbe<RoutingBuckets.Command> store = kit.createTestProbe();
    RoutingMirror.Stats stats = new RoutingMirror.Stats();
    KadId known = new KadId(9, 9);
    ActorRef<Object> mirror = kit.spawn(RoutingMirror.create(store.getRef(),
        InstantSource.system(), Set.of(known), 1000, 100, Duration.ofHours(1),
        Duration.ofSeconds(5), new SimpleMeterRegistry(), stats));
    ActorRef<RoutingEffect> in = mirror.narrow();
    KadId a = new KadId(1, 1);
    KadId b = new KadId(2, 2);
    in.tell(new RoutingEffect.ContactAdded(contact(a, 3, false), false));
    // first write in flight; these queue behind it
    in.tell(new RoutingEffect.ContactAdded(contact(b, 3, false), false));
    in.tell(new RoutingEffect.ContactUpdated(contact(b, 2, true), UpdateKind.FULL));
    in.tell(new RoutingEffect.ContactVerified(contact(b, 2, true)));
    in.tell(new RoutingEffect.SendHello(contact(a, 4, true), HelloKind.KAD2_ENCRYPTED));
    in.tell(new RoutingEffect.ContactRemoved(contact(known, 4, true), RemovalReason.DEAD));

    RoutingBuckets.UpdateContact first = next(store, RoutingBuckets.UpdateContact.class);
    assertEquals(a, first.contact().id());
    assertEquals(77, first.contact().udpKey());
    assertEquals(5, first.contact().udpKeyReceivedOn());
    store.expectNoMessage(Duration.ofMillis(100)); // one in flight
    ack(first);
    RoutingBuckets.UpdateContact second = next(store, RoutingBuckets.UpdateContact.class);
    assertEquals(b, second.contact().id());
    assertEquals(2, second.contact().type(), "the queued add was replaced by the newer state");
    assertTrue(second.contact().verified());
    ack(second);
    RoutingBuckets.VerifyContact v = next(store, RoutingBuckets.VerifyContact.class);
    assertEquals(b, v.id());
    ack(v);
    RoutingBuckets.AgeContact age = next(store, RoutingBuckets.AgeContact.class);
    assertEquals(4, age.type());
    ack(age);
    RoutingBuckets.EvictContact evict = next(store, RoutingBuckets.EvictContact.class);
    assertEquals(known, evict.id());
    assertEquals(EvictionReason.DEAD, evict.reason());
    ack(evict);

    // the store's Done reaches the mirror through the ask: poll (bounded) until it arrived
    TestProbe<Set<KadId>> acked = kit.createTestProbe();
    acked.awaitAssert(Duration.ofSeconds(5), () -> {
      mirror.tell(new RoutingMirror.GetAcknowledged(acked.getRef()));
      assertEquals(Set.of(a, b), acked.receiveMessage());
      return null;
    });
    assertEquals(2, stats.acknowledged());

    // flush: a checkpoint, then Done once everything is acknowledged
    TestProbe<Done> flushed = kit.createTestProbe();
    mirror.tell(new RoutingMirror.Flush(flushed.getRef()));
    RoutingBuckets.Checkpoint cp = next(store, RoutingBuckets.Checkpoint.class);
    flushed.expectNoMessage(Duration.ofMillis(100));
    ack(cp);
    flushed.expectMessage(Done.getInstance());
    assertEquals(0, stats.pending());
  }

  @Test
  void theWriteRateIsBounded() {
    TestProbe<RoutingBuckets.Command> store = kit.createTestProbe();
    ActorRef<Object> mirror = kit.spawn(RoutingMirror.create(store.getRef(),
        InstantSource.system(), Set.of(), 5, 100, Duration.ofHours(1), Duration.ofSeconds(5),
        new SimpleMeterRegistry(), new RoutingMirror.Stats()));
    ActorRef<RoutingEffect> in = mirror.narrow();
    for (int i = 1; i <= 3; i++) {
      in.tell(new RoutingEffect.ContactAdded(contact(new KadId(i, i), 3, false), false));
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      ack(store.expectMessageClass(RoutingBuckets.Command.class, Duration.ofSeconds(5)));
    }
    // 5 writes per second: three writes span at least two gaps of 200 ms
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(390).toNanos());
  }
}
