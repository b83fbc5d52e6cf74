package io.pekkomule.node.kad.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacketTrackerTest {
  static final int PEER = 0x0A0B0C0D;

  @Test
  void aResponseConsumesOneRequestSentWithin180Seconds() {
    PacketTracker t = new PacketTracker();
    assertFalse(t.consume(PEER, 0x13, 0), "nothing asked: unsolicited");
    t.sent(PEER, 0x11, 0);
    t.sent(PEER, 0x11, 1_000);
    assertFalse(t.consume(PEER + 1, 0x13, 2_000), "another peer");
    assertFalse(t.consume(PEER, 0x1F, 2_000), "another kind of answer");
    assertTrue(t.consume(PEER, 0x13, 2_000));
    assertTrue(t.consume(PEER, 0x13, 180_999));
    assertFalse(t.consume(PEER, 0x13, 181_000), "each answer consumes one request");
    t.sent(PEER, 0x0F, 0);
    assertFalse(t.consume(PEER, 0x10, 180_000), "expired at 180 s");
  }

  @Test
  void responsesMapToTheirRequestsKad1Included() {
    assertTrue(PacketTracker.isTrackedRequest(0x10), "HELLO_RES waits for the ACK");
    assertTrue(PacketTracker.isTrackedResponse(0x12));
    assertTrue(PacketTracker.isTrackedResponse(0x06));
    assertFalse(PacketTracker.isTrackedResponse(0x17), "SEARCH_RES is not tracked");
    PacketTracker t = new PacketTracker();
    t.sent(PEER, 0x05, 0);
    assertTrue(t.consume(PEER, 0x06, 10));
    t.sent(PEER, 0x19, 0);
    assertTrue(t.consume(PEER, 0x1B, 10), "PUBLISH_RES answers any PUBLISH_*");
    assertEquals(0, t.size());
  }

  @Test
  void unsolicitedResponsesAreRefusedWhateverWasSentBefore() {
    PacketTracker t = new PacketTracker();
    t.sent(PEER, 0x0F, 0); // HELLO_REQ
    t.sent(PEER, 0x1E, 0); // PING
    assertFalse(t.consume(PEER, 0x13, 1), "RES without a REQ");
    assertFalse(t.consume(PEER, 0x0E, 1), "BOOTSTRAP_RES without a BOOTSTRAP_REQ");
    assertFalse(t.consume(PEER, 0x12, 1), "HELLO_RES_ACK answers our HELLO_RES, not our HELLO_REQ");
    assertFalse(t.consume(PEER, 0x02, 1), "Kad1 BOOTSTRAP_RES does not answer Kad2 requests");
    assertTrue(t.consume(PEER, 0x10, 1));
    assertTrue(t.consume(PEER, 0x1F, 1));
    assertFalse(t.consume(PEER, 0x1F, 2), "a second PONG for one PING is unsolicited");
    assertEquals(0, t.size());
  }

  @Test
  void validityEndsExactlyAt180SecondsAndTheSweepForgetsExpiredRequests() {
    PacketTracker t = new PacketTracker();
    t.sent(PEER, 0x11, 0);
    t.sent(PEER, 0x11, 100_000);
    t.sent(PEER + 1, 0x0D, 0);
    assertEquals(2, t.size());
    t.sweep(179_999);
    assertEquals(2, t.size(), "nothing expired yet");
    t.sweep(180_000);
    assertEquals(1, t.size(), "the bootstrap request expired; one REQ remains");
    assertTrue(t.consume(PEER, 0x13, 279_999), "the later REQ is still open");
    assertFalse(t.consume(PEER, 0x13, 279_999), "the earlier one expired");
    assertFalse(t.consume(PEER + 1, 0x0E, 180_000));
    assertEquals(0, t.size());
  }

  @Test
  void onlyRequestsOpenAWindow() {
    assertTrue(PacketTracker.isTrackedRequest(0x11));
    assertFalse(PacketTracker.isTrackedRequest(0x13), "a RES we send opens nothing");
    assertFalse(PacketTracker.isTrackedRequest(0x1F), "nor a PONG");
    PacketTracker t = new PacketTracker();
    t.sent(PEER, 0x13, 0);
    assertFalse(t.consume(PEER, 0x13, 1));
  }
}
