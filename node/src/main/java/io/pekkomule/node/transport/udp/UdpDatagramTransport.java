package io.pekkomule.node.transport.udp;

import io.pekkomule.node.shaper.OutboundTransport;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.TransportMetrics;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kad4 overlay's wire: one IPv4 UDP socket (NIO {@link DatagramChannel}). Like every
 * transport it has no public send method: the shaper's sink is its only sender ({@link
 * OutboundTransport}, docs/shaper.md "No bypass").
 *
 * <p>Inbound: a reader thread ({@code transport-udp-in}) receives datagrams into a bounded queue
 * ({@link Settings#inboundQueue}; when full the oldest is dropped, as iMule and the SAM transport
 * do); a delivery thread ({@code transport-udp-deliver}) hands them to the node one at a time.
 * Oversize datagrams ({@link Settings#maxDatagram}) are dropped. Every datagram is counted in
 * {@link TransportMetrics} ({@code transport_datagrams_total{direction,result}}): in ok /
 * oversize / queue_full, out ok / oversize / error (and {@code malformed} for a non-IPv4
 * destination).
 */
public final class UdpDatagramTransport extends OutboundTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpDatagramTransport.class);

  /**
   * @param inboundQueue datagrams waiting for the node at most
   * @param maxDatagram largest datagram accepted or sent (kad4: aMule's 5 000-byte bound is
   *     conservative; the buffer reads up to 64 KiB so larger ones are seen and counted)
   */
  public record Settings(int inboundQueue, int maxDatagram) {
    public static final Settings DEFAULT = new Settings(256, 5_000);

    public Settings {
      if (inboundQueue < 1 || maxDatagram < 1 || maxDatagram > 65_507) {
        throw new IllegalArgumentException("inboundQueue >= 1, 1 <= maxDatagram <= 65507");
      }
    }
  }

  private final Ipv4UdpEndpoint bind;
  private final Settings settings;
  private final TransportMetrics metrics;
  private final Clock clock;
  private final ArrayBlockingQueue<InboundDatagram> inbox;
  private volatile DatagramChannel channel;
  private volatile Ipv4UdpEndpoint local;
  private volatile boolean closed;
  private Thread reader;
  private Thread delivery;

  public UdpDatagramTransport(Ipv4UdpEndpoint bind, Settings settings, MeterRegistry registry,
      Clock clock) {
    this.bind = Objects.requireNonNull(bind, "bind");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = new TransportMetrics(registry, this::isUp);
    this.inbox = new ArrayBlockingQueue<>(settings.inboundQueue());
  }

  /**
   * Binds the socket and starts the threads; {@code inbound} then gets every datagram, one at a
   * time. Returns the bound endpoint (the port is the chosen one when {@code bind} asked for 0).
   *
   * @throws IOException when the address cannot be bound (taken, not local)
   */
  public synchronized Ipv4UdpEndpoint start(Consumer<InboundDatagram> inbound) throws IOException {
    Objects.requireNonNull(inbound, "inbound");
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (channel != null) {
      throw new IllegalStateException("already started");
    }
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      ch.bind(bind.toSocketAddress());
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    channel = ch;
    local = Ipv4UdpEndpoint.fromSocketAddress((InetSocketAddress) ch.getLocalAddress());
    reader = new Thread(this::readLoop, "transport-udp-in");
    reader.setDaemon(true);
    delivery = new Thread(() -> deliverLoop(inbound), "transport-udp-deliver");
    delivery.setDaemon(true);
    reader.start();
    delivery.start();
    return local;
  }

  /** The bound endpoint, once started. */
  public Ipv4UdpEndpoint localEndpoint() {
    return local;
  }

  public boolean isUp() {
    DatagramChannel ch = channel;
    return ch != null && ch.isOpen() && !closed;
  }

  public TransportMetrics metrics() {
    return metrics;
  }

  private void readLoop() {
    ByteBuffer buf = ByteBuffer.allocate(65_536);
    while (!closed) {
      InetSocketAddress from;
      try {
        buf.clear();
        from = (InetSocketAddress) channel.receive(buf);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!closed) {
          log.debug("udp receive failed: {}", e.toString());
        }
        continue;
      }
      if (from == null) {
        continue;
      }
      buf.flip();
      if (buf.remaining() > settings.maxDatagram()) {
        metrics.datagram(Direction.IN, Result.OVERSIZE);
        continue;
      }
      byte[] data = new byte[buf.remaining()];
      buf.get(data);
      InboundDatagram d;
      try {
        d = new InboundDatagram(Ipv4UdpEndpoint.fromSocketAddress(from), data, clock.instant());
      } catch (IllegalArgumentException notV4) {
        metrics.datagram(Direction.IN, Result.MALFORMED);
        continue;
      }
      while (!inbox.offer(d)) {
        if (inbox.poll() != null) {
          metrics.datagram(Direction.IN, Result.QUEUE_FULL);
        }
      }
    }
  }

  private void deliverLoop(Consumer<InboundDatagram> inbound) {
    while (!closed) {
      InboundDatagram d;
      try {
        d = inbox.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (d == null) {
        continue;
      }
      metrics.datagram(Direction.IN, Result.OK);
      try {
        inbound.accept(d);
      } catch (RuntimeException e) {
        log.warn("inbound handler failed", e);
      }
    }
  }

  /** The shaper sink's entry (the only caller). */
  @Override
  protected void transmit(Endpoint destination, byte[] datagram) {
    send(destination, datagram);
  }

  private boolean send(Endpoint to, byte[] datagram) {
    if (!(to instanceof Ipv4UdpEndpoint v4)) {
      metrics.datagram(Direction.OUT, Result.MALFORMED);
      return false;
    }
    if (datagram.length > settings.maxDatagram()) {
      metrics.datagram(Direction.OUT, Result.OVERSIZE);
      return false;
    }
    DatagramChannel ch = channel;
    if (ch == null || closed) {
      metrics.datagram(Direction.OUT, Result.ERROR);
      return false;
    }
    try {
      ch.send(ByteBuffer.wrap(datagram), v4.toSocketAddress());
      metrics.datagram(Direction.OUT, Result.OK);
      return true;
    } catch (IOException e) {
      metrics.datagram(Direction.OUT, Result.ERROR);
      return false;
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    DatagramChannel ch = channel;
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        log.debug("udp close: {}", e.toString());
      }
    }
    if (delivery != null) {
      delivery.interrupt();
    }
  }
}
