package io.pekkomule.node.contract;

import io.pekkomule.node.shaper.Emission;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.node.shaper.ShaperCore;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link ShaperCore} on virtual time exactly as the stream stage does on Pekko's
 * scheduler: intents are offered at their (continuous) arrival times, the core is polled after
 * every event with unlimited downstream demand, and the stage's timer fires on the scheduler's
 * tick grid (a timer for time w fires at the first tick boundary at or after w). Lets the
 * statistical harnesses run hours of traffic in milliseconds.
 */
public final class VirtualRun {
  /** One intent arriving at the shaper at {@code atNanos}. */
  public record Arrival(long atNanos, OutboundIntent intent) {}

  private VirtualRun() {}

  /** Arrivals must be sorted by time. Runs until {@code endNanos}, or until
   * every arrival was offered and nothing is queued. */
  public static List<Emission> run(ShaperCore core, List<Arrival> arrivals, long tickNanos,
      long endNanos) {
    List<Emission> out = new ArrayList<>();
    core.start(0);
    int i = 0;
    long timer = Long.MAX_VALUE;
    while (true) {
      long nextArrival = i < arrivals.size() ? arrivals.get(i).atNanos() : Long.MAX_VALUE;
      long now;
      if (nextArrival == Long.MAX_VALUE && (timer == Long.MAX_VALUE || core.queued() == 0)) {
        break; // the shaper's own timers (cover, slots) do not keep a finished run alive
      }
      if (nextArrival <= timer) {
        now = nextArrival;
        if (now > endNanos) {
          break;
        }
        core.offer(arrivals.get(i++).intent(), now);
      } else {
        now = timer;
        if (now > endNanos) {
          break;
        }
        timer = Long.MAX_VALUE;
      }
      Emission e;
      while ((e = core.poll(now)) != null) {
        out.add(e);
      }
      long w = core.nextWake(now);
      if (w != Long.MAX_VALUE) {
        long fire = Math.max(ceilToTick(w, tickNanos), (now / tickNanos + 1) * tickNanos);
        timer = Math.min(timer, fire);
      }
    }
    return out;
  }

  static long ceilToTick(long t, long tick) {
    return Math.floorDiv(t + tick - 1, tick) * tick;
  }
}
