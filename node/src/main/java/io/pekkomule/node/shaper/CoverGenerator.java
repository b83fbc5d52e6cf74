package io.pekkomule.node.shaper;

import java.util.Optional;

/**
 * Produces one cover intent when the shaper's cover policy opens a slot. Until lookups exist the
 * node uses {@link #NONE}; the slot timing and the merge point are real either way and every
 * unfilled slot is counted.
 */
@FunctionalInterface
public interface CoverGenerator {
  /** An opportunistic intent (class and origin are forced by the shaper), or empty. */
  Optional<OutboundIntent> next();

  CoverGenerator NONE = Optional::empty;
}
