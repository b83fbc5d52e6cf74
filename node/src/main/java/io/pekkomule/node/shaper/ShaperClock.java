package io.pekkomule.node.shaper;

/**
 * Monotonic time for the shaper, in nanoseconds. Production uses {@link #SYSTEM}; tests on
 * Pekko's {@code ManualTime} pass a clock that reads the explicitly triggered scheduler, so the
 * graph runs on virtual time.
 */
@FunctionalInterface
public interface ShaperClock {
  long nanoTime();

  ShaperClock SYSTEM = System::nanoTime;
}
