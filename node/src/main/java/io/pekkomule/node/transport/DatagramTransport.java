package io.pekkomule.node.transport;

import io.pekkomule.node.shaper.OutboundTransport;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Carries repliable I2P datagrams for the node: the one seam between Kad and the router (SAM today,
 * an embedded router or an in-memory network in tests).
 *
 * <p>There is deliberately no public send method: a transport is an {@link OutboundTransport},
 * whose only sending method ({@code transmit}) is {@code protected} and called by nobody but the
 * shaper graph's sink (docs/shaper.md, "No bypass"). Whoever holds a transport can start it, read
 * its state and receive from it, but cannot put a datagram on the wire around the shaper.
 *
 * <p>A transport may go down and come back (router restart, session loss) while keeping its
 * destination. While it is down, sending does not fail fast: intents expire by their own deadlines
 * in the shaper, so an implementation may hold a few datagrams until it is up again.
 */
public abstract class DatagramTransport extends OutboundTransport implements AutoCloseable {

  /**
   * Starts the transport; {@code inbound} is then called for every datagram received, on one
   * transport thread at a time (never concurrently). Completes with our own destination when the
   * first session is up, exceptionally if the transport gives up or is closed first.
   */
  public abstract CompletionStage<I2pDestination> start(Consumer<InboundDatagram> inbound);

  /** Our destination once a session has been up; it stays the same across reconnections. */
  public abstract Optional<I2pDestination> ownDestination();

  /** Whether a session is up right now. */
  public abstract boolean isUp();

  /**
   * The shaper sink's entry: hands one datagram (at most {@link
   * io.pekkomule.protocol.Limits#SAM_DATAGRAM_MAX} bytes, every header included) to the
   * implementation's own {@code send}; a refusal (too large, buffer full, closed) is counted there.
   */
  @Override
  protected final void transmit(Endpoint destination, byte[] datagram) {
    send(destination, datagram);
  }

  /**
   * Hands one datagram to the wire. Returns false when it was refused; true means accepted, not
   * delivered: datagrams are unreliable. An endpoint of another address family than the
   * transport's is refused. Package- or subclass-visible only, never public.
   */
  protected abstract boolean send(Endpoint to, byte[] datagram);

  /**
   * The private destination in use, for the identity store (SAM's {@code PRIV} layout: the
   * 387-byte destination, then the ElGamal and DSA private keys; I2P base64). Empty when the
   * transport has none (in-memory) or before it generated one. Never log it.
   */
  public Optional<String> privateKeyBase64() {
    return Optional.empty();
  }

  /** State and counters for the API, the CLI and logs. */
  public TransportHealth health() {
    return TransportHealth.of("in-memory",
        isUp() ? TransportHealth.State.UP : TransportHealth.State.DOWN,
        ownDestination().map(I2pDestination::toB32).orElse(null), null, -1, -1,
        new TransportMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
            this::isUp));
  }

  /** Stops the transport and releases its sockets and threads; idempotent. */
  @Override
  public abstract void close();
}
