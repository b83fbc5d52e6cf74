package io.pekkomule.node.transport;

import io.pekkomule.protocol.I2pDestination;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Carries repliable I2P datagrams for the node: the one seam between Kad and the router (SAM today,
 * an embedded router or an in-memory network in tests).
 *
 * <p>A transport may go down and come back (router restart, session loss) while keeping its
 * destination. While it is down, {@link #send} does not fail fast: callers' intents expire by
 * their own deadlines, so an implementation may hold a few datagrams until it is up again.
 */
public interface DatagramTransport extends AutoCloseable {

  /**
   * Starts the transport; {@code inbound} is then called for every datagram received, on one
   * transport thread at a time (never concurrently). Completes with our own destination when the
   * first session is up, exceptionally if the transport gives up or is closed first.
   */
  CompletionStage<I2pDestination> start(Consumer<InboundDatagram> inbound);

  /** Our destination once a session has been up; it stays the same across reconnections. */
  Optional<I2pDestination> ownDestination();

  /** Whether a session is up right now. */
  boolean isUp();

  /**
   * Hands one datagram (at most {@link io.pekkomule.protocol.Limits#SAM_DATAGRAM_MAX} bytes, every
   * header included) to the transport. Returns false when it was refused (too large, buffer full,
   * closed); true means accepted, not delivered: datagrams are unreliable.
   */
  boolean send(I2pDestination to, byte[] datagram);

  /** Stops the transport and releases its sockets and threads; idempotent. */
  @Override
  void close();
}
