package io.pekkomule.persistence.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.persistence.Blob;
import io.pekkomule.persistence.TestValues;
import io.pekkomule.protocol.I2pDestination;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link IndexState#apply} shares structure with the previous state instead of copying the whole
 * index per event (it did copy up to 60,000 entries per stored entry before).
 */
class IndexStateTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final I2pDestination PUBLISHER = TestValues.destination(1);
  private static final Blob TAGS = Blob.of(new byte[] {1, 2, 3});

  private static IndexEntry entry(int i, Instant at) {
    IndexKind kind = i % 2 == 0 ? IndexKind.KEYWORD : IndexKind.SOURCE;
    return IndexEntry.storedAt(kind, TestValues.kadId(i / 3 + 1), TestValues.kadId(i + 1),
        PUBLISHER, TAGS, at);
  }

  private static IndexState full(int n) {
    Map<String, IndexEntry> m = new HashMap<>();
    for (int i = 0; i < n; i++) {
      IndexEntry e = entry(i, T0);
      m.put(e.slot(), e);
    }
    return new IndexState(m);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @Test
  void storingAnEntryDoesNotCopyTheIndex() {
    int n = 60_000;
    IndexState s = full(n);
    IndexEntry[] fresh = new IndexEntry[200];
    for (int i = 0; i < fresh.length; i++) {
      fresh[i] = entry(n + i, T0.plusSeconds(i));
    }
    for (int i = 0; i < 50; i++) { // warm-up (class loading, lambdas)
      s.apply(new IndexEvent.EntryStored(fresh[i]));
    }
    long before = allocatedBytes();
    IndexState t = s;
    for (IndexEntry e : fresh) {
      t = t.apply(new IndexEvent.EntryStored(e));
    }
    long perEvent = (allocatedBytes() - before) / fresh.length;
    // a copy of 60,000 entries is several MB; a path through the trie a few hundred bytes
    assertTrue(perEvent < 16_384, "allocated " + perEvent + " bytes per stored entry");
    assertEquals(n + fresh.length, t.entries().size());
    assertEquals(n, s.entries().size(), "the old state is unchanged");
    assertEquals(fresh[7], t.entries().get(fresh[7].slot()));
  }

  @Test
  void expiryRemovesExactlyTheExpiredAndLeavesTheOldStateAlone() {
    IndexState s = full(1_000); // keywords (24 h) and sources (5 h) stored at T0
    Instant at = T0.plusSeconds(6 * 3600);
    IndexState t = s.apply(new IndexEvent.EntriesExpired(at));
    assertEquals(500, t.entries().size());
    assertTrue(t.entries().values().stream().allMatch(e -> e.kind() == IndexKind.KEYWORD));
    assertEquals(1_000, s.entries().size());
    assertTrue(t == t.apply(new IndexEvent.EntriesExpired(at)), "nothing expired: same state");
    assertEquals(0, t.apply(new IndexEvent.EntriesExpired(T0.plusSeconds(25 * 3600)))
        .entries().size());
  }

  @Test
  void republicationReplacesTheSlotAndEqualityIsByContent() {
    IndexState s = full(10);
    IndexEntry again = entry(3, T0.plusSeconds(60));
    IndexState t = s.apply(new IndexEvent.EntryStored(again));
    assertEquals(10, t.entries().size());
    assertEquals(again, t.entries().get(again.slot()));
    assertEquals(new IndexState(new HashMap<>(t.entries())), t);
  }
}
