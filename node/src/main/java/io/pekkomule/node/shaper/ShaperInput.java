package io.pekkomule.node.shaper;

/**
 * How actors hand intents to the shaper: thread-safe, never blocks, bounded. Actors receive this
 * (not the transport) at construction.
 */
@FunctionalInterface
public interface ShaperInput {
  /** True when accepted; false when dropped because the input queue is full (counted). */
  boolean offer(OutboundIntent intent);
}
