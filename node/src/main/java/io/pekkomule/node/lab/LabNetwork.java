package io.pekkomule.node.lab;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.protocol.I2pDestination;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.actor.typed.ActorRef;
import scala.concurrent.ExecutionContext;

/**
 * The lab's in-memory I2P: destinations registered here receive datagrams after a latency drawn
 * from the {@link LatencyModel}, unless the datagram is lost or the destination left (churn).
 * Deliveries are timers on the actor system's scheduler, so the network runs on virtual time
 * under a {@link LabScheduler} and on real time otherwise. Each node sends through its own
 * {@link Transport}, which only the node's shaper calls. Thread-safe.
 */
public final class LabNetwork {
  private static final class Endpoint {
    final ActorRef<KadNode.Command> node;
    final double outSeconds;
    final double inSeconds;

    Endpoint(ActorRef<KadNode.Command> node, double outSeconds, double inSeconds) {
      this.node = node;
      this.outSeconds = outSeconds;
      this.inSeconds = inSeconds;
    }
  }

  private final Scheduler scheduler;
  private final ExecutionContext executor;
  private final LatencyModel latency;
  private final double loss;
  private final SplittableRandom random;
  private final Map<I2pDestination, Endpoint> endpoints = new HashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong unreachable = new AtomicLong();

  public LabNetwork(Scheduler scheduler, ExecutionContext executor, LatencyModel latency,
      double loss, long seed) {
    if (loss < 0 || loss >= 1) {
      throw new IllegalArgumentException("loss must be in [0, 1)");
    }
    this.scheduler = scheduler;
    this.executor = executor;
    this.latency = latency;
    this.loss = loss;
    this.random = new SplittableRandom(seed);
  }

  /** The sending side of one node: what its shaper transmits through. */
  public final class Transport implements LabShaper.Wire {
    private final I2pDestination self;

    private Transport(I2pDestination self) {
      this.self = self;
    }

    @Override
    public void transmit(I2pDestination destination, byte[] datagram) {
      send(self, destination, datagram);
    }
  }

  /** The sending side for {@code self}; it sends only while {@code self} is attached. */
  public Transport transport(I2pDestination self) {
    return new Transport(self);
  }

  /** {@code dest} joins: datagrams to it reach {@code node}. */
  public synchronized void attach(I2pDestination dest, ActorRef<KadNode.Command> node) {
    endpoints.put(dest, new Endpoint(node, latency.tunnelSeconds(random),
        latency.tunnelSeconds(random)));
  }

  /** The destination leaves: datagrams still in flight to it are lost. */
  public synchronized void detach(I2pDestination dest) {
    endpoints.remove(dest);
  }

  public synchronized boolean isAttached(I2pDestination dest) {
    return endpoints.containsKey(dest);
  }

  /** Carries one datagram (package-private: the lab transports of this package call it). */
  void send(I2pDestination from, I2pDestination to, byte[] datagram) {
    sent.incrementAndGet();
    long nanos;
    synchronized (this) {
      Endpoint src = endpoints.get(from);
      Endpoint dst = endpoints.get(to);
      if (src == null || dst == null) {
        unreachable.incrementAndGet();
        return;
      }
      if (random.nextDouble() < loss) {
        lost.incrementAndGet();
        return;
      }
      nanos = latency.packetNanos(src.outSeconds, dst.inSeconds, random);
    }
    scheduler.scheduleOnce(scala.concurrent.duration.Duration.fromNanos(nanos),
        () -> deliver(from, to, datagram), executor);
  }

  private void deliver(I2pDestination from, I2pDestination to, byte[] datagram) {
    Endpoint dst;
    synchronized (this) {
      dst = endpoints.get(to);
    }
    if (dst == null) {
      unreachable.incrementAndGet();
      return;
    }
    delivered.incrementAndGet();
    dst.node.tell(new KadNode.DatagramReceived(from, datagram));
  }

  public long sent() {
    return sent.get();
  }

  public long delivered() {
    return delivered.get();
  }

  public long lost() {
    return lost.get();
  }

  public long unreachable() {
    return unreachable.get();
  }

  static Duration seconds(double s) {
    return Duration.ofNanos((long) (s * 1e9));
  }
}
