package io.pekkomule.node.transport;

import io.pekkomule.protocol.endpoint.Endpoint;
import java.time.Instant;
import java.util.Objects;

/**
 * One datagram received by a transport. On I2P the sender is authenticated (repliable datagrams
 * are signed), so {@code from} (an {@link io.pekkomule.protocol.endpoint.I2pEndpoint}) is the
 * destination a reply goes to; a UDP transport gives the datagram's source address.
 *
 * @param payload the datagram as sent, owned by the receiver (not copied again)
 */
public record InboundDatagram(Endpoint from, byte[] payload, Instant receivedAt) {
  public InboundDatagram {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  @Override
  public String toString() {
    return "InboundDatagram[from=" + from + ", " + payload.length + " bytes, at " + receivedAt + "]";
  }
}
