package io.pekkomule.node.kad.wire;

import io.pekkomule.node.shaper.OutboundIntent;

/**
 * Where a node hands its intents: the shaper's input. It has the shape of the shaper's {@code
 * ShaperInput} (thread-safe, never blocks, false when the intent was dropped), so production wires
 * {@code shaper.input()::offer}; the lab and the tests wire the {@code LabShaper} adapter. Nothing
 * in the node holds a transport.
 */
@FunctionalInterface
public interface ShaperPort {
  boolean offer(OutboundIntent intent);
}
