package io.pekkomule.node.kad.index;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Publish flood resistance beyond iMule (seed 004: "rate-limit publish requests by endpoint,
 * opcode, target key"): a leaky bucket per (publisher address, publish opcode, target key). An
 * honest publisher sends a key a handful of packets per round (a keyword round of 150 files is at
 * most a few packets) and republishes after hours, so {@code burst} packets that drain one per
 * {@code interval} never bind it; a flood of one key from one address does. iMule's own per
 * (address, opcode) flood table (30/min) still applies before this, in the dispatcher.
 *
 * <p>Bounded memory: at most {@code maxKeys} buckets; beyond, new keys are refused until {@link
 * #sweep} drops drained buckets (a drained bucket is the same as none). Pure: time is an argument.
 */
public final class PublishGate {
  private record Key(AddressKey publisher, int opcode, KadId target) {}

  private static final class Bucket {
    double level;
    long last;
  }

  private final int burst;
  private final long intervalMillis;
  private final int maxKeys;
  private final Map<Key, Bucket> buckets = new HashMap<>();

  /**
   * @param burst packets a key may take at once
   * @param interval one packet drains per interval
   * @param maxKeys buckets kept at most
   */
  public PublishGate(int burst, Duration interval, int maxKeys) {
    if (burst < 1 || interval.isNegative() || interval.isZero() || maxKeys < 1) {
      throw new IllegalArgumentException("burst, interval and maxKeys must be positive");
    }
    this.burst = burst;
    this.intervalMillis = interval.toMillis();
    this.maxKeys = maxKeys;
  }

  /** Defaults: 8 packets per (address, opcode, key), one more every 10 min, 50,000 keys. */
  public static PublishGate defaults() {
    return new PublishGate(8, Duration.ofMinutes(10), 50_000);
  }

  /** Whether one publish packet may be indexed; counts it when it may. */
  public boolean admit(AddressKey publisher, int opcode, KadId target, long now) {
    Key k = new Key(publisher, opcode, target);
    Bucket b = buckets.get(k);
    if (b == null) {
      if (buckets.size() >= maxKeys) {
        return false;
      }
      b = new Bucket();
      b.last = now;
      buckets.put(k, b);
    }
    drain(b, now);
    if (b.level + 1 > burst + 1e-9) {
      return false;
    }
    b.level += 1;
    return true;
  }

  private void drain(Bucket b, long now) {
    if (now > b.last) {
      b.level = Math.max(0, b.level - (double) (now - b.last) / intervalMillis);
      b.last = now;
    }
  }

  /** Forgets drained buckets. */
  public void sweep(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket b = it.next();
      drain(b, now);
      if (b.level <= 0) {
        it.remove();
      }
    }
  }

  public int size() {
    return buckets.size();
  }
}
