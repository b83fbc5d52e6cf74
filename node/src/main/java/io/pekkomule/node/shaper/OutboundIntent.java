package io.pekkomule.node.shaper;

import io.pekkomule.protocol.endpoint.Endpoint;
import java.time.Duration;
import java.util.Objects;

/**
 * A request to the shaper to send one datagram: the only way anything in the node reaches the
 * wire. The datagram is opaque (already encoded by the codec) and must not be mutated after the
 * intent is offered.
 *
 * @param destination the peer
 * @param opcode the Kad opcode of the datagram (selects the rate-cap family)
 * @param datagram the encoded packet
 * @param urgency selects the delay range; the only input that changes treatment
 * @param deadline the semantic deadline, as a maximum age from enqueue: past it the intent is
 *     dropped, never sent late (the class's max-age applies on top)
 * @param origin for metrics only
 */
public record OutboundIntent(
    Endpoint destination,
    int opcode,
    byte[] datagram,
    UrgencyClass urgency,
    Duration deadline,
    Origin origin) {

  public OutboundIntent {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(datagram, "datagram");
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(origin, "origin");
    if (opcode < 0 || opcode > 0xFF) {
      throw new IllegalArgumentException("opcode out of range: " + opcode);
    }
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must not be negative");
    }
  }

  public OpcodeFamily family() {
    return OpcodeFamily.of(opcode);
  }
}
