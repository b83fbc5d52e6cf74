package io.pekkomule.node.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.KadNodeDeps;
import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.Shaper;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One production-shaped node over a real transport, for tests: KadNode + the production Shaper
 * (shipped settings) + the transport as the shaper's sink; received datagrams go to the node.
 */
public final class KadOverTransport {
  public final KadIdentity identity;
  public final DatagramTransport transport;
  public final Shaper shaper;
  public final ActorRef<KadNode.Command> node;

  private KadOverTransport(KadIdentity identity, DatagramTransport transport, Shaper shaper,
      ActorRef<KadNode.Command> node) {
    this.identity = identity;
    this.transport = transport;
    this.shaper = shaper;
    this.node = node;
  }

  /**
   * The inbound callback to pass to {@code transport.start}, before the node exists; until then
   * datagrams go to {@link #beforeNode} (tests warm routes up with raw datagrams).
   */
  public static final class Inbound implements Consumer<InboundDatagram> {
    private final AtomicReference<ActorRef<KadNode.Command>> node = new AtomicReference<>();
    public final java.util.concurrent.BlockingQueue<InboundDatagram> beforeNode =
        new java.util.concurrent.LinkedBlockingQueue<>();

    @Override
    public void accept(InboundDatagram d) {
      ActorRef<KadNode.Command> n = node.get();
      if (n != null) {
        n.tell(new KadNode.DatagramReceived(d.from(), d.payload()));
      } else {
        beforeNode.add(d);
      }
    }
  }

  /** Builds the node on a started transport whose destination is {@code dest}. */
  public static KadOverTransport create(ActorTestKit kit, String name, DatagramTransport transport,
      I2pDestination dest, Inbound inbound, long seed) {
    Random rnd = new Random(seed);
    KadIdentity id = new KadIdentity(new KadId(rnd.nextLong() | 1, rnd.nextLong()), dest, dest,
        rnd.nextInt(), 8);
    Shaper shaper = Shaper.builder(kit.system(), ShaperSettings.defaults(), transport)
        .seed(seed).start();
    KadNodeDeps deps = new KadNodeDeps(shaper.input()::offer, Clock.systemUTC(), seed,
        KadMetrics.inMemory(), java.util.List.of(), false);
    ActorRef<KadNode.Command> node =
        kit.spawn(KadNode.create(KadNodeSettings.defaults(id), deps), name);
    inbound.node.set(node);
    return new KadOverTransport(id, transport, shaper, node);
  }

  /** Waits (bounded) until this node has verified {@code other} through the HELLO handshake. */
  public void awaitVerified(ActorTestKit kit, KadOverTransport other, Duration max) {
    awaitVerified(kit, other.identity.id(), max);
  }

  /** Waits (bounded) until this node has verified the node {@code other} (by KadID). */
  public void awaitVerified(ActorTestKit kit, KadId other, Duration max) {
    TestProbe<RoutingSnapshot> probe = kit.createTestProbe();
    probe.awaitAssert(max, Duration.ofMillis(250), () -> {
      node.tell(new KadNode.GetRouting(probe.ref()));
      assertTrue(probe.receiveMessage(Duration.ofSeconds(5)).verifiedIds().contains(other),
          "verified " + other);
      return null;
    });
  }

  /** Runs a NODE lookup for {@code target}; bounded by {@code max}. */
  public LookupOutcome lookup(ActorTestKit kit, KadId target, Duration max) {
    TestProbe<LookupOutcome> probe = kit.createTestProbe();
    node.tell(new KadNode.StartLookup(new LookupActor.Spec(LookupType.NODE, target,
        KadNodeSettings.OUR_LOOKUPS, UrgencyClass.INTERACTIVE, Origin.LOOKUP), probe.ref()));
    return probe.receiveMessage(max);
  }
}
