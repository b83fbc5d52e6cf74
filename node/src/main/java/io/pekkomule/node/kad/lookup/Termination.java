package io.pekkomule.node.kad.lookup;

/** Why a lookup ended. */
public enum Termination {
  /** Enough answers or completions, and no outstanding or askable node is closer than the completed ones. */
  CONVERGED,
  /** Nothing left to ask and nothing outstanding. */
  STARVED,
  /** Nothing left to ask, and no activity for the type's idle lifetime while requests stayed unanswered. */
  TIMED_OUT,
  CANCELLED
}
