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

  @Test
  void reqAllowanceIsExactlyThirtyAMinuteAndTheThirtyFirstIsDropped() {
    FloodTable t = new FloodTable(Duration.ofMinutes(1));
    for (int i = 0; i < 30; i++) {
      assertEquals(Verdict.ALLOWED, t.check(PEER, 0x11, 0), "request " + (i + 1));
    }
    assertEquals(Verdict.LIMITED, t.check(PEER, 0x11, 0), "the 31st within the minute");
    // the dropped 31st counts too; draining one per 2 s, after 4 s one more fits, not two
    assertEquals(Verdict.LIMITED, t.check(PEER, 0x11, 2_000));
    assertEquals(Verdict.ALLOWED, t.check(PEER, 0x11, 6_000));
    assertEquals(Verdict.LIMITED, t.check(PEER, 0x11, 6_000));
    assertEquals(Verdict.ALLOWED, t.check(PEER, 0x05, 6_000 + 62_000),
        "Kad1 REQ shares the bucket, which drained meanwhile");
  }

  @Test
  void banStartsAboveFiveTimesTheAllowanceNotAtIt() {
    FloodTable t = new FloodTable(Duration.ofMinutes(1));
    // PING: 2 a minute, ban above 10 in the bucket
    for (int i = 0; i < 10; i++) {
      Verdict v = t.check(PEER, 0x1E, 0);
      assertEquals(i < 2 ? Verdict.ALLOWED : Verdict.LIMITED, v, "ping " + (i + 1));
    }
    assertFalse(t.isBanned(PEER, 0), "exactly 5 x 2: limited, not banned");
    assertEquals(Verdict.BANNED, t.check(PEER, 0x1E, 0));
    assertTrue(t.isBanned(PEER, 0));
  }

  @Test
  void banExpiresAfterTheBanTimeAndTheSweepForgetsIt() {
    FloodTable t = new FloodTable(Duration.ofSeconds(90));
    for (int i = 0; i < 11; i++) {
      t.check(PEER, 0x0D, 0); // BOOTSTRAP_REQ: 2 a minute
    }
    assertTrue(t.isBanned(PEER, 89_999));
    assertEquals(Verdict.BANNED, t.check(PEER, 0x0F, 89_999), "still banned for any request");
    assertEquals(Verdict.BANNED, t.check(PEER, 0x13, 89_999),
        "even untracked opcodes are dropped while banned");
    assertFalse(t.isBanned(PEER, 90_000), "the ban lasts exactly the ban time");
    t.sweep(90_000);
    assertFalse(t.isBanned(PEER, 0), "swept: no ban remembered (checked as of the start)");
    // the bootstrap bucket (11 at t=0, 2/min) has drained by 330 s and is forgotten too
    t.sweep(330_000);
    assertEquals(0, t.size());
    assertEquals(Verdict.ALLOWED, t.check(PEER, 0x0D, 330_000));
  }

  @Test
  void untrackedOpcodesAreNeverLimitedAndNeverTracked() {
    FloodTable t = new FloodTable(Duration.ofMinutes(1));
    for (int i = 0; i < 100; i++) {
      assertEquals(Verdict.ALLOWED, t.check(PEER, 0x13, 0), "RES is not flood-tracked");
      assertEquals(Verdict.ALLOWED, t.check(PEER, 0x7F, 0), "unknown opcode");
    }
    assertEquals(0, t.size());
  }
}
