package io.pekkomule.node.kad.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of iMule's routing tree: a leaf holds a bin (front = oldest) and a replacement cache, an
 * inner zone two sub-zones. Sub-zone {@code b} holds the contacts whose distance bit {@code level}
 * is {@code b}.
 */
final class Zone {
  final Zone parent;
  final int level;
  final long index;
  Zone[] sub;
  List<Entry> bin = new ArrayList<>(KadConstants.K);
  List<Entry> replacements = new ArrayList<>();
  long nextSmallTimer;
  long nextBigTimer;

  Zone(Zone parent, int level, long index, long now) {
    this.parent = parent;
    this.level = level;
    this.index = index;
    startTimers(now);
  }

  /** Closer-to-root zones tick first: the small timer starts after {@code index} seconds. */
  void startTimers(long now) {
    nextBigTimer = now + KadConstants.BIG_TIMER_FIRST.toMillis();
    nextSmallTimer = now + (index & 0xFFFFFFFFL) * 1000L;
  }

  boolean isLeaf() {
    return sub == null;
  }

  int count() {
    return isLeaf() ? bin.size() : sub[0].count() + sub[1].count();
  }

  boolean canSplit() {
    return level < KadConstants.MAX_LEVEL
        && (index < KadConstants.KK || level < KadConstants.KBASE)
        && bin.size() == KadConstants.K;
  }

  /** iMule's {@code OnBigTimer} condition: close to us, shallow, or mostly empty. */
  boolean wantsRefresh() {
    return isLeaf()
        && (index < KadConstants.KK
            || level < KadConstants.KBASE
            || KadConstants.K - bin.size() >= KadConstants.K * 8 / 10);
  }
}
