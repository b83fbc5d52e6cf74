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
}
