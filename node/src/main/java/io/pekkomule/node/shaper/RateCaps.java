package io.pekkomule.node.shaper;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Per-peer and global rate caps as GCRA leaky buckets (virtual scheduling). A bucket with
 * emission interval T and tolerance tau admits a send at t iff t >= TAT - tau, then sets TAT =
 * max(TAT, t) + T. Any n admitted sends satisfy t_n - t_1 >= (n-1)T - tau, so a half-open 60 s
 * window holds fewer than 60/T + tau/T + 1 sends: with T = 60 s / cap and tau = 0 that is at most
 * cap (per peer and family), and with T = 60 s / (cap - burst + 1), tau = (burst - 1) T it is at
 * most cap (global). Caps are configuration constants: nothing here depends on CPU, memory or
 * uptime.
 *
 * <p>Per-peer buckets are keyed by iMule's 4-byte destination hash ({@code ipHash}), because
 * that is what iMule's flood tracker keys on; two destinations sharing a hash share a bucket, which
 * is the conservative side. Buckets whose TAT has passed are equivalent to fresh ones and are
 * swept, so memory is bounded by the peers sent to within the last interval.
 */
final class RateCaps {
  private static final long MINUTE = 60_000_000_000L;

  private final long[] peerInterval = new long[OpcodeFamily.values().length];
  private final long[] globalInterval = new long[OpcodeFamily.values().length];
  private final long[] globalTolerance = new long[OpcodeFamily.values().length];
  private final long[] globalTat = new long[OpcodeFamily.values().length];
  private final long totalInterval;
  private final long totalTolerance;
  private long totalTat = Long.MIN_VALUE / 4;
  private final HashMap<Long, long[]> peerTat = new HashMap<>();
  private long lastSweep = Long.MIN_VALUE / 4;
  private final long sweepEvery;

  RateCaps(ShaperSettings.Caps caps) {
    long maxPeerInterval = 0;
    for (OpcodeFamily f : OpcodeFamily.values()) {
      int perPeer = caps.perPeerPerMinute().get(f);
      peerInterval[f.ordinal()] = ceilDiv(MINUTE, perPeer);
      maxPeerInterval = Math.max(maxPeerInterval, peerInterval[f.ordinal()]);
      int global = caps.globalPerMinute().get(f);
      int burst = Math.max(1, Math.min(caps.globalBurst(), global));
      globalInterval[f.ordinal()] = ceilDiv(MINUTE, global - burst + 1);
      globalTolerance[f.ordinal()] = (burst - 1) * globalInterval[f.ordinal()];
      globalTat[f.ordinal()] = Long.MIN_VALUE / 4;
    }
    int total = caps.totalPerMinute();
    int burst = Math.max(1, Math.min(caps.globalBurst(), total));
    totalInterval = ceilDiv(MINUTE, total - burst + 1);
    totalTolerance = (burst - 1) * totalInterval;
    sweepEvery = maxPeerInterval;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static long key(int ipHash, OpcodeFamily f) {
    return ((long) ipHash << 8) | f.ordinal();
  }

  long peerInterval(OpcodeFamily f) {
    return peerInterval[f.ordinal()];
  }

  /** Which cap, if any, holds this send back at {@code now}. */
  enum Block {
    NONE,
    PEER,
    GLOBAL
  }

  /** The earliest time >= now at which a send of this peer and family conforms to every cap. */
  long conformingAt(int ipHash, OpcodeFamily f, long now) {
    return Math.max(now, Math.max(peerReady(ipHash, f), globalReady(f)));
  }

  Block blockedBy(int ipHash, OpcodeFamily f, long now) {
    if (peerReady(ipHash, f) > now) {
      return Block.PEER;
    }
    if (globalReady(f) > now) {
      return Block.GLOBAL;
    }
    return Block.NONE;
  }

  private long peerReady(int ipHash, OpcodeFamily f) {
    long[] tat = peerTat.get(key(ipHash, f));
    return tat == null ? Long.MIN_VALUE : tat[0];
  }

  private long globalReady(OpcodeFamily f) {
    int i = f.ordinal();
    return Math.max(globalTat[i] - globalTolerance[i], totalTat - totalTolerance);
  }

  /** Records a send at {@code now}; the caller has checked {@link #blockedBy}. */
  void consume(int ipHash, OpcodeFamily f, long now) {
    int i = f.ordinal();
    long[] tat = peerTat.computeIfAbsent(key(ipHash, f), k -> new long[] {Long.MIN_VALUE / 4});
    tat[0] = Math.max(tat[0], now) + peerInterval[i];
    globalTat[i] = Math.max(globalTat[i], now) + globalInterval[i];
    totalTat = Math.max(totalTat, now) + totalInterval;
    if (now - lastSweep >= sweepEvery) {
      sweep(now);
    }
  }

  private void sweep(long now) {
    lastSweep = now;
    for (Iterator<Map.Entry<Long, long[]>> it = peerTat.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue()[0] <= now) {
        it.remove();
      }
    }
  }

  int trackedPeerBuckets() {
    return peerTat.size();
  }

  static EnumMap<OpcodeFamily, Integer> map() {
    return new EnumMap<>(OpcodeFamily.class);
  }
}
