package io.pekkomule.persistence.buckets;

import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A gradual, jittered re-verification schedule for contacts recovered after a downtime: the
 * contacts are shuffled (no id or merit order leaks into timing), the window is cut into one slot
 * per contact and each contact is due at a uniformly random moment of its slot. The node's shaper
 * caps still apply on top.
 */
public final class Reverification {
  private Reverification() {}

  /** One contact and when to re-verify it. */
  public record ReverifyAt(KadId id, Instant due) {}

  /** The window the schedule spans for {@code n} contacts. */
  public static Duration window(int n, ReverifyPolicy p) {
    Duration w = p.spacing().multipliedBy(n);
    if (w.compareTo(p.minWindow()) < 0) {
      return p.minWindow();
    }
    return w.compareTo(p.maxWindow()) > 0 ? p.maxWindow() : w;
  }

  /** Due times ascending; every contact appears once. */
  public static List<ReverifyAt> schedule(List<KadId> ids, Instant now, RandomGenerator rnd,
      ReverifyPolicy p) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<KadId> order = new ArrayList<>(ids);
    for (int i = order.size() - 1; i > 0; i--) { // Fisher-Yates on the injected generator
      Collections.swap(order, i, rnd.nextInt(i + 1));
    }
    long windowNanos = window(order.size(), p).toNanos();
    long slot = windowNanos / order.size();
    Instant start = now.plus(p.initialDelay());
    List<ReverifyAt> out = new ArrayList<>(order.size());
    for (int i = 0; i < order.size(); i++) {
      long offset = i * slot + (slot > 0 ? rnd.nextLong(slot) : 0);
      out.add(new ReverifyAt(order.get(i), start.plusNanos(offset)));
    }
    out.sort(Comparator.comparing(ReverifyAt::due));
    return List.copyOf(out);
  }
}
