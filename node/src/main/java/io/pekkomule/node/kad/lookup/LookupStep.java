package io.pekkomule.node.kad.lookup;

import java.util.List;

/** The result of one {@link Lookup#advance}: the new state and the effects to carry out, in order. */
public record LookupStep(LookupState state, List<LookupEffect> effects) {}
