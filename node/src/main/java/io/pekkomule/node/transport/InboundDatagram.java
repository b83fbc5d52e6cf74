package io.pekkomule.node.transport;

import io.pekkomule.protocol.I2pDestination;
import java.time.Instant;
import java.util.Objects;

/**
 * One datagram received from I2P. The sender is authenticated by I2P (repliable datagrams are
 * signed), so {@code from} is the destination a reply goes to.
 *
 * @param payload the datagram as sent, owned by the receiver (not copied again)
 */
public record InboundDatagram(I2pDestination from, byte[] payload, Instant receivedAt) {
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
