package io.pekkomule.node.kad;

import io.pekkomule.node.kad.dispatch.Dispatcher;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.kad.routing.RoutingActor;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One Kad node: the guardian that wires its subsystems and nothing else. Children: the
 * {@link Dispatcher} (every datagram in and out), the {@link RoutingActor} (the routing table,
 * with one bucket actor per zone) and {@link Lookups} (one actor per lookup). The transport
 * delivers datagrams with {@link DatagramReceived}; everything the node sends leaves through the
 * shaper port in {@link KadNodeDeps}.
 */
public final class KadNode {
  private KadNode() {}

  public interface Command {}

  /**
   * The inbound entry point: one datagram from the transport, with its sender (I2P: the signed
   * sender destination; it must be of the node's dialect's address family).
   */
  public record DatagramReceived(Endpoint from, byte[] datagram) implements Command {}

  /** Run a lookup; {@code replyTo} gets exactly one outcome. */
  public record StartLookup(LookupActor.Spec spec, ActorRef<LookupOutcome> replyTo)
      implements Command {}

  public record GetRouting(ActorRef<RoutingSnapshot> replyTo) implements Command {}

  /** The full routing table (zones, bins, replacement caches) for the management API. */
  public record GetTable(ActorRef<io.pekkomule.node.kad.routing.TableView> replyTo)
      implements Command {}

  /** Offer a contact to the routing table (checked before it counts). */
  public record AddContact(io.pekkomule.protocol.contact.KadContact contact) implements Command {}

  /**
   * Starts a node under the system's guardian and returns its entry point (what {@code Main}'s
   * {@code init(system, deps)} calls).
   */
  public static ActorRef<Command> init(ActorSystem<?> system, String name,
      KadNodeSettings settings, KadNodeDeps deps) {
    return system.systemActorOf(create(settings, deps), name, Props.empty());
  }

  public static Behavior<Command> create(KadNodeSettings settings, KadNodeDeps deps) {
    return Behaviors.setup(ctx -> {
      SplittableRandom seeds = new SplittableRandom(deps.seed());
      ActorRef<Dispatcher.Command> dispatcher = ctx.spawn(
          Dispatcher.create(settings.dialect(), settings.identity(), settings.dispatch(), deps.shaper(),
              deps.metrics(), deps.clock(), seeds.nextLong()), "dispatcher");
      ActorRef<RoutingActor.Command> routing = ctx.spawn(
          RoutingActor.create(settings.dialect(), settings.identity(), settings.routing(), settings.lookups(),
              dispatcher, deps.clock(), seeds.nextLong()), "routing");
      ActorRef<Lookups.Command> lookups = ctx.spawn(
          Lookups.create(settings.dialect(), settings.identity(), routing, dispatcher, deps.clock(), deps.metrics(),
              settings.maxConcurrentLookups(), seeds.nextLong()), "lookups");
      dispatcher.tell(new Dispatcher.Connect(routing));
      routing.tell(new RoutingActor.Connect(lookups));
      routing.tell(new RoutingActor.Bootstrap(deps.bootstrap(), deps.markAllVerified(),
          deps.bootstrapOnly()));
      return Behaviors.receive(Command.class)
          .onMessage(DatagramReceived.class, d -> {
            dispatcher.tell(new Dispatcher.DatagramReceived(d.from(), d.datagram()));
            return Behaviors.same();
          })
          .onMessage(StartLookup.class, s -> {
            lookups.tell(new Lookups.Start(s.spec(), s.replyTo()));
            return Behaviors.same();
          })
          .onMessage(AddContact.class, a -> {
            routing.tell(new RoutingActor.AddContact(a.contact()));
            return Behaviors.same();
          })
          .onMessage(GetRouting.class, g -> {
            routing.tell(new RoutingActor.GetSnapshot(g.replyTo()));
            return Behaviors.same();
          })
          .onMessage(GetTable.class, g -> {
            routing.tell(new RoutingActor.GetTable(g.replyTo()));
            return Behaviors.same();
          })
          .build();
    });
  }
}
