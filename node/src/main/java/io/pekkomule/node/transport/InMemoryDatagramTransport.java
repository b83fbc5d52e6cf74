package io.pekkomule.node.transport;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A transport for tests: datagrams go straight to the peer on the same {@link Network}, in order,
 * on the receiver's own delivery thread; nothing is lost unless the peer is down or unknown.
 */
public final class InMemoryDatagramTransport extends DatagramTransport {

  /** The destinations that can reach each other. */
  public static final class Network {
    private final Map<I2pDestination, InMemoryDatagramTransport> members = new ConcurrentHashMap<>();
    private final Clock clock;

    public Network(Clock clock) {
      this.clock = clock;
    }

    public Network() {
      this(Clock.systemUTC());
    }

    /** A transport with destination {@code self} on this network. */
    public InMemoryDatagramTransport join(I2pDestination self) {
      InMemoryDatagramTransport t = new InMemoryDatagramTransport(this, self);
      if (members.putIfAbsent(self, t) != null) {
        throw new IllegalArgumentException("destination already on this network: " + self);
      }
      return t;
    }
  }

  private final Network network;
  private final I2pDestination self;
  private final Endpoint selfEndpoint;
  private final ExecutorService delivery;
  private volatile Consumer<InboundDatagram> inbound;
  private volatile boolean up;
  private volatile boolean closed;

  private InMemoryDatagramTransport(Network network, I2pDestination self) {
    this.network = network;
    this.self = self;
    this.selfEndpoint = new I2pEndpoint(self);
    this.delivery =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "transport-memory-in");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public CompletionStage<I2pDestination> start(Consumer<InboundDatagram> inbound) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("closed"));
    }
    this.inbound = inbound;
    this.up = true;
    return CompletableFuture.completedFuture(self);
  }

  @Override
  public Optional<I2pDestination> ownDestination() {
    return Optional.of(self);
  }

  @Override
  public boolean isUp() {
    return up && !closed;
  }

  /** Simulates a lost (false) or restored (true) session. */
  public void setUp(boolean up) {
    this.up = up;
  }

  @Override
  protected boolean send(Endpoint to, byte[] datagram) {
    if (!isUp() || datagram.length > Limits.SAM_DATAGRAM_MAX
        || !(to instanceof I2pEndpoint i2p)) {
      return false;
    }
    InMemoryDatagramTransport peer = network.members.get(i2p.destination());
    if (peer != null && peer.isUp() && peer.inbound != null) {
      InboundDatagram d = new InboundDatagram(selfEndpoint, datagram.clone(), network.clock.instant());
      try {
        peer.delivery.execute(() -> peer.inbound.accept(d));
      } catch (RejectedExecutionException closedMeanwhile) {
        // the peer closed between the check and the hand-off: lost, like on I2P
      }
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    network.members.remove(self, this);
    delivery.shutdown();
  }
}
