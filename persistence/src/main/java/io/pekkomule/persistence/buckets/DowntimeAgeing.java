package io.pekkomule.persistence.buckets;

import io.pekkomule.persistence.buckets.BucketEvent.AgedContact;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * "Age contacts by downtime": a pure function from the contacts at shutdown, the downtime and an
 * {@link AgeingPolicy} to the classes they have after it. Follows iMule's liveness classes (spec
 * §8: a contact nobody hears from falls one class per period, class 4 is removed) but decays
 * gradually: time still left on a contact's current class is used up first, each class then lasts
 * its dwell (scaled per contact), and the table never drops below {@code minKept}.
 */
public final class DowntimeAgeing {
  private DowntimeAgeing() {}

  /** The outcome: classes that changed and contacts removed (ids ascending, deterministic). */
  public record Outcome(Duration downtime, List<AgedContact> aged, List<KadId> removed) {
    public Outcome {
      aged = List.copyOf(aged);
      removed = List.copyOf(removed);
    }
  }

  public static Outcome age(Collection<StoredContact> contacts, Instant lastActivity, Instant now,
      AgeingPolicy policy) {
    Duration downtime = now.isAfter(lastActivity) ? Duration.between(lastActivity, now) : Duration.ZERO;
    List<StoredContact> sorted = contacts.stream().sorted(Comparator.comparing(StoredContact::id)).toList();
    List<AgedContact> aged = new ArrayList<>();
    List<StoredContact> doomed = new ArrayList<>();
    for (StoredContact c : sorted) {
      int type = classAfter(c, lastActivity, downtime, policy);
      if (type > StoredContact.TYPE_DEAD) {
        doomed.add(c);
      } else if (type != c.type()) {
        aged.add(new AgedContact(c.id(), type));
      }
    }
    int survivors = sorted.size() - doomed.size();
    int rescue = Math.max(0, Math.min(doomed.size(), policy.minKept() - survivors));
    List<StoredContact> byMerit = doomed.stream().sorted(StoredContact.BEST_FIRST).toList();
    for (StoredContact kept : byMerit.subList(0, rescue)) {
      if (kept.type() != StoredContact.TYPE_DEAD) {
        aged.add(new AgedContact(kept.id(), StoredContact.TYPE_DEAD));
      }
    }
    List<KadId> removed =
        byMerit.subList(rescue, byMerit.size()).stream().map(StoredContact::id).sorted().toList();
    aged.sort(Comparator.comparing(AgedContact::id));
    return new Outcome(downtime, aged, removed);
  }

  /** The class after the downtime; {@code TYPE_DEAD + 1} means "outlasted class 4". */
  static int classAfter(StoredContact c, Instant lastActivity, Duration downtime, AgeingPolicy p) {
    long remaining = downtime.toMillis();
    if (c.expires().isPresent() && c.expires().get().isAfter(lastActivity)) {
      remaining -= Duration.between(lastActivity, c.expires().get()).toMillis();
    }
    double factor = factor(c.id(), p.spread());
    int type = c.type();
    while (remaining > 0 && type <= StoredContact.TYPE_DEAD) {
      long dwell = Math.round(p.dwell().get(type).toMillis() * factor);
      if (remaining < dwell) {
        break;
      }
      remaining -= dwell;
      type++;
    }
    return type;
  }

  /** A per-contact factor in [1-spread, 1+spread), fixed by the KadID (replay stays exact). */
  static double factor(KadId id, double spread) {
    double u = ((id.lo() ^ Long.rotateLeft(id.hi(), 17)) >>> 11) / (double) (1L << 53);
    return 1 - spread + 2 * spread * u;
  }
}
