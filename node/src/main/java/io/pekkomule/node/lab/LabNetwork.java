package io.pekkomule.node.lab;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.protocol.endpoint.Endpoint;
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
  private static final class Link {
    final ActorRef<KadNode.Command> node;
    final double outSeconds;
    final double inSeconds;

    Link(ActorRef<KadNode.Command> node, double outSeconds, double inSeconds) {
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
  private final Map<Endpoint, Link> endpoints = new HashMap<>();
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
    private final Endpoint self;

    private Transport(Endpoint self) {
      this.self = self;
    }

    @Override
    public void transmit(Endpoint destination, byte[] datagram) {
      send(self, destination, datagram);
    }

    @Override
    public void transmitted(int opcode, int bytes) {
      LabNetwork.this.transmitted(opcode, bytes);
    }
  }

  /** The opcode and size of a datagram just handed to this network (size statistics). */
  public void transmitted(int opcode, int bytes) {
    (steady ? steadyByOpcode : byOpcode).computeIfAbsent(opcode, k -> new Sizes()).record(bytes);
  }

  private final java.util.concurrent.ConcurrentMap<Integer, Sizes> byOpcode =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  private final java.util.concurrent.ConcurrentMap<Integer, Sizes> steadyByOpcode =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  /**
   * One line per opcode: count, mean, max and share of at most 1 KB, during the warm-up and
   * after it ({@code -Dpekko-mule.lab.sizes=true} prints it at the end of a run).
   */
  public String sizesByOpcode() {
    StringBuilder b = new StringBuilder();
    for (var phase : java.util.List.of(java.util.Map.entry("warm-up", byOpcode),
        java.util.Map.entry("steady", steadyByOpcode))) {
      long total = 0;
      for (Sizes z : phase.getValue().values()) {
        total += z.count.get();
      }
      for (var e : phase.getValue().entrySet()) {
        Sizes z = e.getValue();
        b.append(String.format(java.util.Locale.ROOT,
            "lab sizes phase=%s opcode=0x%02X name=%s count=%d share_of_all=%.3f mean_bytes=%.0f"
                + " max_bytes=%d le_1k_share=%.3f repliable_le_1k_share=%.3f%n",
            phase.getKey(), e.getKey(),
            io.pekkomule.protocol.msg.Opcode.fromCode(e.getKey()).map(Enum::name).orElse("?"),
            z.count.get(), (double) z.count.get() / Math.max(1, total), z.meanBytes(),
            z.maxBytes(), z.shareAtMost1k(), z.shareRepliableAtMost1k()));
      }
    }
    return b.toString();
  }

  /**
   * The sending side for {@code self} as the real shaper graph's transport ({@code Shaper}'s sink
   * is its only caller); it sends only while {@code self} is attached.
   */
  public io.pekkomule.node.shaper.OutboundTransport outbound(Endpoint self) {
    return new io.pekkomule.node.shaper.OutboundTransport() {
      @Override
      protected void transmit(Endpoint destination, byte[] datagram) {
        send(self, destination, datagram);
      }
    };
  }

  /** The sending side for {@code self}; it sends only while {@code self} is attached. */
  public Transport transport(Endpoint self) {
    return new Transport(self);
  }

  /** {@code dest} joins: datagrams to it reach {@code node}. */
  public synchronized void attach(Endpoint dest, ActorRef<KadNode.Command> node) {
    endpoints.put(dest, new Link(node, latency.tunnelSeconds(random),
        latency.tunnelSeconds(random)));
  }

  /** The destination leaves: datagrams still in flight to it are lost. */
  public synchronized void detach(Endpoint dest) {
    endpoints.remove(dest);
  }

  public synchronized boolean isAttached(Endpoint dest) {
    return endpoints.containsKey(dest);
  }

  /** Carries one datagram (package-private: the lab transports of this package call it). */
  void send(Endpoint from, Endpoint to, byte[] datagram) {
    sent.incrementAndGet();
    sizes.record(datagram.length);
    if (steady) {
      steadySizes.record(datagram.length);
    }
    long nanos;
    synchronized (this) {
      Link src = endpoints.get(from);
      Link dst = endpoints.get(to);
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

  private void deliver(Endpoint from, Endpoint to, byte[] datagram) {
    Link dst;
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

  /**
   * Sizes of the Kad datagrams the nodes sent (obfuscation included), to check how many fit one
   * 1 KB I2P tunnel message (docs/transport.md, "Datagram sizes").
   */
  public static final class Sizes {
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong atMost1k = new AtomicLong();
    private final AtomicLong repliableAtMost1k = new AtomicLong();

    void record(int n) {
      count.incrementAndGet();
      bytes.addAndGet(n);
      max.accumulateAndGet(n, Math::max);
      if (n <= 1024) {
        atMost1k.incrementAndGet();
      }
      // a repliable datagram adds the 387-byte sender and its 40-byte DSA signature
      if (n + 427 <= 1024) {
        repliableAtMost1k.incrementAndGet();
      }
    }

    public double shareAtMost1k() {
      return count.get() == 0 ? Double.NaN : (double) atMost1k.get() / count.get();
    }

    public double shareRepliableAtMost1k() {
      return count.get() == 0 ? Double.NaN : (double) repliableAtMost1k.get() / count.get();
    }

    public double meanBytes() {
      return count.get() == 0 ? Double.NaN : (double) bytes.get() / count.get();
    }

    public long maxBytes() {
      return max.get();
    }
  }

  private final Sizes sizes = new Sizes();
  private final Sizes steadySizes = new Sizes();
  private volatile boolean steady;

  /** Sizes over the whole run. */
  public Sizes sizes() {
    return sizes;
  }

  /** Sizes after the warm-up (joins and bootstraps done): a running node's everyday mix. */
  public Sizes steadySizes() {
    return steadySizes;
  }

  /** From now on datagrams count as steady-state traffic too. */
  public void warmupOver() {
    steady = true;
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
