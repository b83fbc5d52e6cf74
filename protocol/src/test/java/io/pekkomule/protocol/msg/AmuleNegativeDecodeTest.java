package io.pekkomule.protocol.msg;

import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.wire.Bytes;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.util.Optional;
import io.pekkomule.protocol.AmuleArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** What the kad4 decoder refuses, and what it accepts as leniently as aMule does. */
class AmuleNegativeDecodeTest {
  static final String ID = "3322110077665544bbaa9988ffeeddcc";
  static final String CONTACT = ID + " 016433c6 4012 3612 08";

  static Reason reason(int opcode, String payload) {
    return assertThrows(DecodeException.class, () -> AmuleMessages.decode(opcode, hex(payload))).reason();
  }

  @Test
  void undefinedOpcodesAreUnknownNeverErrors() throws Exception {
    // 0x0F/0x13 are iMule's HELLO_REQ/RES, 0x10 aMule's ignored Kad1 HELLO, 0x51 FINDBUDDY_REQ.
    for (int op : new int[] {0x00, 0x0F, 0x10, 0x13, 0x20, 0x51, 0x5A, 0xFF}) {
      KadMessage m = AmuleMessages.decode(op, hex("0102"));
      assertEquals(new Unknown(Overlay.AMULE_KAD4, op, Bytes.of(hex("0102"))), m);
    }
    assertThrows(IllegalArgumentException.class, () -> new Unknown(Overlay.AMULE_KAD4, 0x11, Bytes.of(new byte[0])));
    assertThrows(IllegalArgumentException.class, () -> new Unknown(0x11, Bytes.of(new byte[0])));
    // The same number is a known opcode in one overlay and unknown in the other.
    assertInstanceOf(Unknown.class, AmuleMessages.decode(0x0D, new byte[0]));
    assertInstanceOf(Kad2BootstrapReq.class, Messages.decode(0x0D, new byte[0]));
  }

  @Test
  void sizeBoundsAreCheckedFirst() {
    assertEquals(Reason.TRUNCATED, reason(0x11, ID + "3612 08"));
    assertEquals(Reason.TRUNCATED, reason(0x21, "0b" + ID));
    assertEquals(Reason.TRAILING_BYTES, reason(0x34, ID + "0000 0000000000000000 00"));
    assertEquals(Reason.TRAILING_BYTES, reason(0x4B, ID + "00 00 00"));
    assertEquals(Reason.TRAILING_BYTES, reason(0x58, "01020304 05"));
    assertEquals(Reason.TRAILING_BYTES, reason(0x59, "00"));
    assertEquals(Reason.TRUNCATED, reason(0x61, "40"));
    assertEquals(Reason.OVER_LIMIT,
        assertThrows(DecodeException.class, () -> AmuleMessages.decode(0x60, new byte[0x10000])).reason());
  }

  @Test
  void resAndBootstrapResMustHoldExactlyTheirContacts() {
    assertEquals(Reason.TRUNCATED, reason(0x29, ID + " 02 " + CONTACT));
    assertEquals(Reason.TRAILING_BYTES, reason(0x29, ID + " 01 " + CONTACT + " 00"));
    assertEquals(Reason.OVER_LIMIT, reason(0x29, ID + " 21 " + CONTACT.repeat(33)));
    assertEquals(Reason.TRUNCATED, reason(0x09, ID + " 3612 08 0200 " + CONTACT));
  }

  @Test
  void helloVersionZeroAndBadTagsDropThePacket() {
    assertEquals(Reason.BAD_VALUE, reason(0x11, ID + " 3612 00 00"));
    // iMule's tag form inside a kad4 HELLO: aMule cannot read type 0x89.
    assertEquals(Reason.BAD_TAG, reason(0x19, ID + " 3612 08 01 89 f2 04 00"));
    assertEquals(Reason.OVER_LIMIT, reason(0x11, ID + " 3612 08 09" + " 09 0100 f2 00".repeat(9)));
  }

  @Test
  void reqNeedsANonZeroCountAndIgnoresASenderId() throws Exception {
    assertEquals(Reason.BAD_VALUE, reason(0x21, "20" + ID + ID));
    Kad2Req r = assertInstanceOf(Kad2Req.class, AmuleMessages.decode(0x21, hex("0b" + ID + ID + ID)));
    assertEquals(Optional.of(KadId.fromWireBytes(hex(ID))), r.senderId());
  }

  @Test
  void aMuleIgnoresTrailingBytesHereAndSoDoWe() throws Exception {
    assertEquals(new Kad2Ping(), AmuleMessages.decode(0x60, hex("0102")));
    assertEquals(new Kad2BootstrapReq(), AmuleMessages.decode(0x01, hex("00")));
    assertEquals(new AmulePong(4672), AmuleMessages.decode(0x61, hex("4012 ff")));
    assertEquals(new Kad2FirewallUdp(0, 4672), AmuleMessages.decode(0x62, hex("00 4012 ff")));
    assertInstanceOf(Kad2Firewalled2Req.class, AmuleMessages.decode(0x53, hex("3612" + ID + "02 ffff")));
    assertInstanceOf(Kad2HelloResAck.class, AmuleMessages.decode(0x22, hex(ID + "00 ff")));
  }

  @Test
  void iMuleSearchTermsAreNotKad4() {
    // iMule's numeric node (op LESS, UINT32 tag FILESIZE = 1 MiB) read as aMule's: value
    // 02 83 24 00, op 00, then a tag name of length 0x0010, which this model cannot hold.
    assertEquals(Reason.BAD_EXPRESSION, reason(0x33, ID + "0080 03 02 83 24 00001000"));
  }

  @Provide
  Arbitrary<KadMessage> messages() {
    return AmuleArbitraries.messages();
  }

  /** Random payloads under every opcode: a message or a DecodeException, nothing else. */
  @Property(tries = 3000)
  void randomPayloadsNeverThrowAnythingElse(
      @ForAll @IntRange(max = 255) int opcode, @ForAll @Size(max = 300) byte[] payload) {
    try {
      AmuleMessages.decode(opcode, payload);
    } catch (DecodeException expected) {
      // fine: malformed input of a known opcode
    }
  }

  /** Valid encodings with one byte flipped or cut short: still only messages or DecodeExceptions. */
  @Property(tries = 2000)
  void mutatedMessagesNeverThrowAnythingElse(
      @ForAll("messages") KadMessage m, @ForAll int where, @ForAll byte value, @ForAll boolean cut) {
    byte[] b = AmuleMessages.encode(m);
    int op = Messages.opcodeOf(Overlay.AMULE_KAD4, m);
    if (b.length == 0) {
      return;
    }
    int at = Math.floorMod(where, b.length);
    byte[] mutated = cut ? java.util.Arrays.copyOf(b, at) : b.clone();
    if (!cut) {
      mutated[at] = value;
    }
    try {
      AmuleMessages.decode(op, mutated);
    } catch (DecodeException expected) {
      // fine
    }
  }
}
