package io.pekkomule.node.kad.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.dispatch.FloodTable.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FloodTableTest {
  static final int PEER = 0x01020304;

  @Test
  void allowancesFollowImuleWithKad1Folded() {
    assertEquals(2, FloodTable.allowancePerMinute(0x0D));
    assertEquals(2, FloodTable.allowancePerMinute(0x01), "Kad1 BOOTSTRAP_REQ folds into Kad2");
    assertEquals(3, FloodTable.allowancePerMinute(0x0F));
    assertEquals(3, FloodTable.allowancePerMinute(0x03));
    assertEquals(30, FloodTable.allowancePerMinute(0x11));
    assertEquals(30, FloodTable.allowancePerMinute(0x05));
    assertEquals(30, FloodTable.allowancePerMinute(0x14));
    assertEquals(2, FloodTable.allowancePerMinute(0x1E));
    assertEquals(0, FloodTable.allowancePerMinute(0x13), "responses are not flood-tracked");
  }

  @Test
  void leakyBucketDropsAboveTheAllowanceAndBansAtFiveTimes() {
    FloodTable t = new FloodTable(Duration.ofSeconds(60));
    long now = 1_000_000;
    assertEquals(Verdict.ALLOWED, t.check(PEER, 0x0F, now));
    assertEquals(Verdict.ALLOWED, t.check(PEER, 0x03, now), "Kad1 and Kad2 share a bucket");
    assertEquals(Verdict.ALLOWED, t.check(PEER, 0x0F, now));
    assertEquals(Verdict.LIMITED, t.check(PEER, 0x0F, now));
    // one HELLO drains every 20 s
    assertEquals(Verdict.ALLOWED, t.check(PEER, 0x0F, now + 40_000));
    for (int i = 0; i < 12; i++) { // the bucket holds 3 after the last ALLOWED: fill to 15
      assertEquals(Verdict.LIMITED, t.check(PEER, 0x0F, now + 40_000));
    }
    assertEquals(Verdict.BANNED, t.check(PEER, 0x0F, now + 40_000), "above 5 x 3");
    assertTrue(t.isBanned(PEER, now + 99_999));
    assertEquals(Verdict.BANNED, t.check(PEER, 0x11, now + 50_000), "a ban covers everything");
    assertFalse(t.isBanned(PEER, now + 100_000));
    assertEquals(Verdict.ALLOWED, t.check(PEER + 1, 0x0F, now), "per sender");
  }

  @Test
  void sweepForgetsDrainedBucketsOnly() {
    FloodTable t = new FloodTable(Duration.ofSeconds(60));
    t.check(PEER, 0x11, 0);
    t.check(PEER, 0x1E, 0);
    assertEquals(2, t.size());
    t.sweep(2_000); // REQ drains one per 2 s, PING one per 30 s
    assertEquals(1, t.size());
    t.sweep(30_000);
    assertEquals(0, t.size());
  }
}
