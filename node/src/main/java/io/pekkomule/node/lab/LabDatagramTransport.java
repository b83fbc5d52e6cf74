package io.pekkomule.node.lab;

import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.transport.DatagramTransport;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.TransportMetrics;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A {@link DatagramTransport} on the lab's simulated I2P ({@link LabNetwork}: latency, loss):
 * what {@code run --transport lab} gives a production node, so the node runs its real shaper
 * graph against lab peers. Datagrams arrive on an actor of the system (one at a time).
 */
public final class LabDatagramTransport extends DatagramTransport {
  private static final AtomicLong SERIAL = new AtomicLong();

  private final ActorSystem<?> system;
  private final LabNetwork network;
  private final I2pDestination self;
  private final TransportMetrics metrics;
  private final Clock clock;
  private volatile boolean up;
  private volatile boolean closed;
  private volatile boolean receiving = true;
  private ActorRef<KadNode.Command> inlet;

  public LabDatagramTransport(ActorSystem<?> system, LabNetwork network, I2pDestination self,
      MeterRegistry registry) {
    this.system = system;
    this.network = network;
    this.self = self;
    this.metrics = new TransportMetrics(registry, this::isUp);
    this.clock = Clock.systemUTC();
  }

  @Override
  public synchronized CompletionStage<I2pDestination> start(Consumer<InboundDatagram> inbound) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("closed"));
    }
    inlet = system.systemActorOf(Behaviors.receive(KadNode.Command.class)
        .onMessage(KadNode.DatagramReceived.class, d -> {
          if (receiving && !closed) {
            metrics.datagram(TransportMetrics.Direction.IN, TransportMetrics.Result.OK);
            inbound.accept(new InboundDatagram(d.from(), d.datagram(), clock.instant()));
          }
          return Behaviors.same();
        }).build(), "lab-transport-" + SERIAL.incrementAndGet(), Props.empty());
    network.attach(new I2pEndpoint(self), inlet);
    up = true;
    return CompletableFuture.completedFuture(self);
  }

  /** Stops delivering received datagrams (graceful shutdown: no new work). */
  public void stopReceiving() {
    receiving = false;
  }

  @Override
  public Optional<I2pDestination> ownDestination() {
    return Optional.of(self);
  }

  @Override
  public boolean isUp() {
    return up && !closed;
  }

  public TransportMetrics metrics() {
    return metrics;
  }

  @Override
  protected boolean send(Endpoint to, byte[] datagram) {
    if (!isUp() || !(to instanceof I2pEndpoint)) {
      metrics.datagram(TransportMetrics.Direction.OUT, TransportMetrics.Result.ERROR);
      return false;
    }
    if (datagram.length > Limits.SAM_DATAGRAM_MAX) {
      metrics.datagram(TransportMetrics.Direction.OUT, TransportMetrics.Result.OVERSIZE);
      return false;
    }
    network.send(new I2pEndpoint(self), to, datagram);
    metrics.datagram(TransportMetrics.Direction.OUT, TransportMetrics.Result.OK);
    return true;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    network.detach(new I2pEndpoint(self));
    if (inlet != null) {
      system.classicSystem().stop(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(inlet));
    }
  }
}
