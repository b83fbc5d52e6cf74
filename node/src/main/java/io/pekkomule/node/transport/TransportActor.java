package io.pekkomule.node.transport;

import io.pekkomule.protocol.I2pDestination;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The thin Pekko face of a {@link DatagramTransport}: starts it, forwards every received datagram
 * to {@code inbound}, answers status queries, closes it when the actor stops. It cannot send:
 * sending belongs to the shaper's sink alone (see {@link DatagramTransport}). The transport keeps
 * its own threads; this actor never blocks.
 */
public final class TransportActor extends AbstractBehavior<TransportActor.Command> {

  public sealed interface Command permits GetStatus, Started {}

  /** Asks whether the session is up and what our destination is. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** The answer to {@link GetStatus}. */
  public record Status(boolean up, Optional<I2pDestination> ownDestination) {}

  /** The transport's first session came up (or it gave up: {@code destination} empty). */
  record Started(Optional<I2pDestination> destination, String failure) implements Command {}

  private final DatagramTransport transport;

  public static Behavior<Command> create(
      DatagramTransport transport, ActorRef<InboundDatagram> inbound) {
    return Behaviors.setup(ctx -> new TransportActor(ctx, transport, inbound));
  }

  private TransportActor(
      ActorContext<Command> ctx, DatagramTransport transport, ActorRef<InboundDatagram> inbound) {
    super(ctx);
    this.transport = transport;
    ctx.pipeToSelf(
        transport.start(inbound::tell),
        (dest, failure) ->
            new Started(
                Optional.ofNullable(dest), failure == null ? null : failure.getMessage()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(Started.class, this::onStarted)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onGetStatus(GetStatus g) {
    g.replyTo().tell(new Status(transport.isUp(), transport.ownDestination()));
    return this;
  }

  private Behavior<Command> onStarted(Started s) {
    if (s.destination().isPresent()) {
      getContext().getLog().info("transport up as {}", s.destination().get());
    } else {
      getContext().getLog().error("transport did not start: {}", s.failure());
    }
    return this;
  }

  private Behavior<Command> onStop() {
    transport.close();
    return this;
  }
}
