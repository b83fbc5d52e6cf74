package io.pekkomule.node.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The actor face of a transport, over the in-memory network. */
class TransportActorTest {
  private static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  static I2pDestination randomDestination(Random rnd) {
    byte[] raw = new byte[I2pDestination.BYTES];
    rnd.nextBytes(raw);
    raw[0] |= 1;
    raw[384] = raw[385] = raw[386] = 0;
    return I2pDestination.of(raw);
  }

  @Test
  void sendsAndDeliversThroughTheActorsAndClosesOnStop() {
    Random rnd = new Random(5);
    InMemoryDatagramTransport.Network net = new InMemoryDatagramTransport.Network();
    I2pDestination a = randomDestination(rnd);
    I2pDestination b = randomDestination(rnd);
    InMemoryDatagramTransport ta = net.join(a);
    InMemoryDatagramTransport tb = net.join(b);
    TestProbe<InboundDatagram> inA = kit.createTestProbe();
    TestProbe<InboundDatagram> inB = kit.createTestProbe();
    ActorRef<TransportActor.Command> actorA = kit.spawn(TransportActor.create(ta, inA.getRef()));
    ActorRef<TransportActor.Command> actorB = kit.spawn(TransportActor.create(tb, inB.getRef()));

    TestProbe<TransportActor.Status> status = kit.createTestProbe();
    actorA.tell(new TransportActor.GetStatus(status.getRef()));
    assertEquals(new TransportActor.Status(true, Optional.of(a)), status.receiveMessage());

    byte[] payload = {1, '\n', 2, 0, 3};
    ta.send(new I2pEndpoint(b), payload); // in production only the shaper's sink sends (transmit)
    InboundDatagram got = inB.receiveMessage(Duration.ofSeconds(3));
    assertEquals(new I2pEndpoint(a), got.from());
    assertArrayEquals(payload, got.payload());

    tb.send(got.from(), new byte[] {9});
    assertEquals(new I2pEndpoint(b), inA.receiveMessage(Duration.ofSeconds(3)).from());

    kit.stop(actorB);
    assertFalse(tb.isUp(), "stopping the actor closes its transport");
    ta.send(new I2pEndpoint(b), payload);
    inB.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void inMemoryTransportRefusesOversizeAndWhileDown() {
    Random rnd = new Random(6);
    InMemoryDatagramTransport.Network net = new InMemoryDatagramTransport.Network();
    InMemoryDatagramTransport t = net.join(randomDestination(rnd));
    t.start(d -> {});
    assertFalse(t.send(new I2pEndpoint(randomDestination(rnd)), new byte[10_241]));
    assertTrue(t.send(new I2pEndpoint(randomDestination(rnd)), new byte[10_240]), "unknown peers are silently lost");
    t.setUp(false);
    assertFalse(t.isUp());
    assertFalse(t.send(new I2pEndpoint(randomDestination(rnd)), new byte[1]));
    t.close();
  }
}
