package io.pekkomule.node.kad4;

import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.KadNodeDeps;
import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.dispatch.Dispatcher;
import io.pekkomule.node.kad.routing.RoutingConfig;
import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.kad.search.Publisher;
import io.pekkomule.node.shaper.Shaper;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.node.transport.udp.UdpDatagramTransport;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.node.transport.InboundDatagram;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A node on classic Kad ("kad4", issue 9): the same {@link KadNode} (dispatcher, routing actor,
 * lookups) with {@link KadDialect#AMULE_KAD4}, aMule's admission policy ({@link
 * RoutingConfig#KAD4_ACTORS}), the one {@link Shaper} and a {@link UdpDatagramTransport} bound
 * to {@code bind}. What {@code run --overlay kad4 --bind IP:PORT} starts.
 *
 * <p>Its identity is its own ({@link Kad4Identity}, never the I2P node's).
 */
public final class Kad4Node implements AutoCloseable {

  /**
   * @param bind the IPv4 address and UDP port to bind (0.0.0.0 is refused: peers must learn one
   *     address, the one our HELLOs come from)
   * @param tcpPort the TCP port our HELLOs and BOOTSTRAP_RES advertise
   * @param bootstrap contacts asked for BOOTSTRAP_RES at start (aMule's nodes.dat or an operator
   *     list); they enter the table only once they answer
   */
  public record Options(Ipv4UdpEndpoint bind, int tcpPort, List<KadContact> bootstrap,
      ShaperSettings shaper, UdpDatagramTransport.Settings transport, Taps taps,
      Publisher.Settings publishing) {
    public Options {
      Objects.requireNonNull(bind, "bind");
      if (bind.address() == 0) {
        throw new IllegalArgumentException("--bind needs a concrete IPv4 address, not 0.0.0.0");
      }
      if (tcpPort < 0 || tcpPort > 0xFFFF) {
        throw new IllegalArgumentException("tcpPort must fit in u16: " + tcpPort);
      }
      bootstrap = List.copyOf(bootstrap);
      Objects.requireNonNull(shaper, "shaper");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(taps, "taps");
    }

    public Options(Ipv4UdpEndpoint bind, int tcpPort, List<KadContact> bootstrap) {
      this(bind, tcpPort, bootstrap, ShaperSettings.defaults(),
          UdpDatagramTransport.Settings.DEFAULT, Taps.NONE, null);
    }

    public Options withTaps(Taps t) {
      return new Options(bind, tcpPort, bootstrap, shaper, transport, t, publishing);
    }

    /** Publishing settings other than the defaults (tests: an early first publish). */
    public Options withPublishing(Publisher.Settings p) {
      return new Options(bind, tcpPort, bootstrap, shaper, transport, taps, p);
    }
  }

  /**
   * Observers of what the node receives (every datagram the transport delivers) and what it asks
   * the shaper to send (every intent offered), for interop captures and diagnostics. They see,
   * never change, and must not block.
   */
  public record Taps(Consumer<InboundDatagram> received, Consumer<OutboundIntent> offered) {
    public static final Taps NONE = new Taps(d -> { }, i -> { });
  }

  private final KadIdentity identity;
  private final UdpDatagramTransport transport;
  private final Shaper shaper;
  private final ActorRef<KadNode.Command> node;
  private final KadMetrics metrics;

  private Kad4Node(KadIdentity identity, UdpDatagramTransport transport, Shaper shaper,
      ActorRef<KadNode.Command> node, KadMetrics metrics) {
    this.identity = identity;
    this.transport = transport;
    this.shaper = shaper;
    this.node = node;
    this.metrics = metrics;
  }

  /**
   * Parses {@code --bind IP:PORT} (dotted IPv4, port 1..65535, no name lookup).
   *
   * @throws IllegalArgumentException with an operator-readable message
   */
  public static Ipv4UdpEndpoint parseBind(String text) {
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("--bind must be IP:PORT (e.g. 203.0.113.4:4672), got "
          + text);
    }
    int address;
    try {
      address = Ipv4UdpEndpoint.parse(text.substring(0, colon));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--bind: " + e.getMessage());
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--bind: port is not a number: " + text);
    }
    if (port < 1 || port > 0xFFFF) {
      throw new IllegalArgumentException("--bind: port must be 1..65535, got " + port);
    }
    if (address == 0) {
      throw new IllegalArgumentException("--bind needs a concrete IPv4 address, not 0.0.0.0");
    }
    return new Ipv4UdpEndpoint(address, port);
  }

  /** Settings of a kad4 node: aMule's dialect and admission policy, our lookup scheduling. */
  public static KadNodeSettings settings(KadIdentity identity) {
    return new KadNodeSettings(KadDialect.AMULE_KAD4, identity, RoutingConfig.KAD4_ACTORS,
        KadNodeSettings.OUR_LOOKUPS, Dispatcher.Settings.DEFAULT, 32);
  }

  /**
   * Binds the socket, starts the shaper and the node under {@code system}. The socket is bound
   * before anything is sent; a bind failure closes what was started and is thrown.
   */
  public static Kad4Node start(ActorSystem<?> system, String name, Kad4Identity id,
      Options options, MeterRegistry registry) throws IOException {
    KadIdentity identity = KadIdentity.kad4(id.id(), options.bind(), options.tcpPort(),
        id.udpKeySecret(), 8);
    UdpDatagramTransport transport = new UdpDatagramTransport(options.bind(),
        options.transport(), registry, Clock.systemUTC());
    Shaper shaper = Shaper.builder(system, options.shaper(), transport)
        .meterRegistry(registry).start();
    KadMetrics metrics = new KadMetrics(registry);
    // bound before the node exists: nothing is sent before the socket is up; datagrams that
    // arrive in between (nobody knows us yet) are dropped
    AtomicReference<ActorRef<KadNode.Command>> entry = new AtomicReference<>();
    try {
      transport.start(d -> {
        ActorRef<KadNode.Command> n = entry.get();
        options.taps().received().accept(d);
        if (n != null) {
          n.tell(new KadNode.DatagramReceived(d.from(), d.payload()));
        }
      });
    } catch (IOException | RuntimeException e) {
      shaper.stop();
      transport.close();
      throw e;
    }
    KadNodeSettings settings = options.publishing() == null ? settings(identity)
        : settings(identity).withPublishing(options.publishing());
    ActorRef<KadNode.Command> node = KadNode.init(system, name, settings,
        new KadNodeDeps(intent -> {
          options.taps().offered().accept(intent);
          return shaper.input().offer(intent);
        }, Clock.systemUTC(), new SecureRandom().nextLong(),
            metrics, List.of(), false, options.bootstrap()));
    entry.set(node);
    return new Kad4Node(identity, transport, shaper, node, metrics);
  }

  public KadIdentity identity() {
    return identity;
  }

  /** The node's entry point (lookups, routing snapshots, contacts). */
  public ActorRef<KadNode.Command> node() {
    return node;
  }

  public KadMetrics metrics() {
    return metrics;
  }

  public UdpDatagramTransport transport() {
    return transport;
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Stops the shaper and the transport; a second call does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    shaper.stop();
    transport.close();
  }
}
