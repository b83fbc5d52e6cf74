package io.pekkomule.protocol.msg;

import static io.pekkomule.protocol.TestBytes.cat;
import static io.pekkomule.protocol.TestBytes.destBytes;
import static io.pekkomule.protocol.TestBytes.hex;
import static io.pekkomule.protocol.msg.GoldenVectorsTest.OWN_WIRE;
import static io.pekkomule.protocol.msg.GoldenVectorsTest.PEER_WIRE;
import static io.pekkomule.protocol.msg.GoldenVectorsTest.TARGET_WIRE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.TestBytes;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NegativeDecodeTest {

  private static Reason fails(int opcode, byte[] payload) {
    return fails(opcode, payload, Limits.DEFAULT);
  }

  private static Reason fails(int opcode, byte[] payload, Limits limits) {
    return assertThrows(DecodeException.class, () -> Messages.decode(opcode, payload, limits)).reason();
  }

  private static byte[] contact(int version, String idWire, int destSeed) {
    return cat(String.format("%02X", version), idWire, destBytes(destSeed));
  }

  @Test
  void truncatedPayloads() {
    assertEquals(Reason.TRUNCATED, fails(0x0F, cat("08", OWN_WIRE, new byte[386])));
    assertEquals(Reason.TRUNCATED, fails(0x0F, cat("08", OWN_WIRE, destBytes(1))));
    assertEquals(Reason.TRUNCATED, fails(0x13, cat(TARGET_WIRE, "01", new byte[403])));
    assertEquals(Reason.TRUNCATED, fails(0x11, cat("0B", TARGET_WIRE, "0011")));
    assertEquals(Reason.TRUNCATED, fails(0x05, cat("0B", TARGET_WIRE, PEER_WIRE)));
    assertEquals(Reason.TRUNCATED, fails(0x12, hex(OWN_WIRE)));
    assertEquals(Reason.TRUNCATED, fails(0x14, cat(TARGET_WIRE, "0080", "00 00 01 0100 61")));
    assertEquals(Reason.TRUNCATED, fails(0x17, cat(OWN_WIRE, TARGET_WIRE, "0200", PEER_WIRE, "00")));
  }

  @Test
  void trailingBytesWhereTheLayoutIsExact() {
    assertEquals(Reason.TRAILING_BYTES, fails(0x0D, hex("00")));
    assertEquals(Reason.TRAILING_BYTES, fails(0x1E, hex("00")));
    assertEquals(Reason.TRAILING_BYTES, fails(0x15, cat(TARGET_WIRE, "0000", "0000000000000000", "00")));
    assertEquals(Reason.TRAILING_BYTES, fails(0x05, cat("0B", TARGET_WIRE, PEER_WIRE, OWN_WIRE, "00")));
    assertEquals(Reason.TRAILING_BYTES, fails(0x13, cat(TARGET_WIRE, "01", contact(8, PEER_WIRE, 1), "00")));
    assertEquals(Reason.TRAILING_BYTES, fails(0x0F, cat(contact(8, OWN_WIRE, 1), "00", "00")));
    assertEquals(Reason.TRAILING_BYTES, fails(0x10, cat(contact(8, OWN_WIRE, 1), "01 89 58 04 FF")));
    assertEquals(Reason.TRAILING_BYTES, fails(0x14, cat(TARGET_WIRE, "0000", "01")));
  }

  @Test
  void countsOverTheLimitFailBeforeReadingEntries() {
    // 255 contacts claimed with 10 bytes of body: rejected on the count alone.
    assertEquals(Reason.OVER_LIMIT, fails(0x13, cat(TARGET_WIRE, "FF", new byte[10])));
    // Within the limit but more than the body holds.
    assertEquals(Reason.TRUNCATED, fails(0x13, cat(TARGET_WIRE, "14", new byte[10])));
    assertEquals(Reason.OVER_LIMIT, fails(0x0E, cat(OWN_WIRE, "08", destBytes(1), "FFFF", new byte[10])));
    assertEquals(Reason.OVER_LIMIT, fails(0x06, cat(TARGET_WIRE, "0D")));
    assertEquals(Reason.OVER_LIMIT, fails(0x02, hex("FFFF")));
    assertEquals(Reason.OVER_LIMIT, fails(0x17, cat(OWN_WIRE, TARGET_WIRE, "FFFF", new byte[17])));
    assertEquals(Reason.TRUNCATED, fails(0x17, cat(OWN_WIRE, TARGET_WIRE, "C800", new byte[17])));
    assertEquals(Reason.OVER_LIMIT, fails(0x18, cat(TARGET_WIRE, "FFFF", new byte[17])));
    assertEquals(Reason.OVER_LIMIT, fails(0x0F, cat(contact(8, OWN_WIRE, 1), "C8", new byte[600])));
    assertEquals(Reason.OVER_LIMIT, fails(0x19, cat(TARGET_WIRE, PEER_WIRE, "FF", new byte[2000])));
  }

  @Test
  void limitsAreConfigurable() throws Exception {
    Limits tight = new Limits(10_240, 10_238, 8, 32, 1024, 24, 1, 12, 300, 150);
    byte[] two = cat(TARGET_WIRE, "02", contact(8, PEER_WIRE, 1), contact(8, OWN_WIRE, 2));
    assertEquals(Reason.OVER_LIMIT, fails(0x13, two, tight));
    assertEquals(2, ((Kad2Res) Messages.decode(0x13, two)).contacts().size());
  }

  @Test
  void payloadsOverTheKadLimitAreRejectedForEveryOpcode() {
    byte[] big = new byte[Limits.KAD_PAYLOAD_MAX + 1];
    for (int op = 0; op < 256; op++) {
      assertEquals(Reason.OVER_LIMIT, fails(op, big), "opcode " + op);
    }
  }

  @Test
  void badContacts() {
    assertEquals(Reason.BAD_VALUE, fails(0x13, cat(TARGET_WIRE, "01", contact(9, PEER_WIRE, 1))));
    assertEquals(Reason.BAD_VALUE, fails(0x0F, cat(contact(0, OWN_WIRE, 1), "00")));
    assertEquals(Reason.BAD_VALUE, fails(0x0F, cat(contact(8, "00000000 00000000 00000000 00000000", 1), "00")));
    byte[] keyCert = contact(8, PEER_WIRE, 1);
    keyCert[keyCert.length - 3] = 5;
    assertEquals(Reason.BAD_VALUE, fails(0x13, cat(TARGET_WIRE, "01", keyCert)));
  }

  @Test
  void unreadableTagsDropTheMessage() {
    byte[] c = contact(8, OWN_WIRE, 1);
    assertEquals(Reason.BAD_TAG, fails(0x10, cat(c, "01 8A 58 01 00")));
    assertEquals(Reason.BAD_TAG, fails(0x10, cat(c, "01 8B 58 0400000000000000")));
  }

  @Test
  void badValues() {
    assertEquals(Reason.BAD_VALUE, fails(0x11, cat("20", TARGET_WIRE, PEER_WIRE, OWN_WIRE)));
    assertEquals(Reason.BAD_VALUE, fails(0x05, cat("00", TARGET_WIRE, PEER_WIRE, OWN_WIRE)));
    assertEquals(Reason.BAD_VALUE, fails(0x1B, cat(TARGET_WIRE, "000000")));
    assertEquals(Reason.TRAILING_BYTES, fails(0x1B, cat(TARGET_WIRE, new byte[11])));
    assertEquals(Reason.BAD_VALUE, fails(0x0B, cat(TARGET_WIRE, "0000")));
  }

  @Test
  void badExpressions() {
    assertEquals(Reason.BAD_EXPRESSION, fails(0x14, cat(TARGET_WIRE, "0080", "07")));
    StringBuilder deep = new StringBuilder();
    deep.append("00 00 ".repeat(24)).append("01 0100 61 ").append("01 0100 62 ".repeat(24));
    assertEquals(Reason.OVER_LIMIT, fails(0x14, cat(TARGET_WIRE, "0080", deep.toString())));
    assertEquals(Reason.OVER_LIMIT, fails(0x07, cat(TARGET_WIRE, "01", deep.toString())));
  }

  @Test
  void leniencyWhereImuleIgnoresTheRest() throws Exception {
    Kad2Req longReq = (Kad2Req) Messages.decode(0x11, cat("0B", TARGET_WIRE, PEER_WIRE, OWN_WIRE, "FFFF"));
    assertTrue(longReq.senderId().isPresent());
    Kad2Req oddReq = (Kad2Req) Messages.decode(0x11, cat("0B", TARGET_WIRE, PEER_WIRE, "0102"));
    assertEquals(Optional.empty(), oddReq.senderId());
    assertEquals(new Kad2HelloResAck(GoldenVectorsTest.OWN), Messages.decode(0x12, cat(OWN_WIRE, "03 89 58 04")));
    assertEquals(new Kad2Pong(), Messages.decode(0x1F, hex("3412")));
  }

  @Test
  void recordDecodersRejectPayloadsOfAnotherShape() {
    assertThrows(DecodeException.class, () -> Kad2Res.decode(TestBytes.repeat(0, 5)));
    assertThrows(DecodeException.class, () -> Kad1Req.decode(TestBytes.repeat(1, 48)));
  }
}
