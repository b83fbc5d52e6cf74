package io.pekkomule.protocol.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.AmuleArbitraries;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.ProtocolArbitraries;
import io.pekkomule.protocol.frame.Framing;
import io.pekkomule.protocol.frame.KadPacket;
import io.pekkomule.protocol.tag.Dialected;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.wire.DecodeException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class AmuleMessagePropertiesTest {

  @Provide
  Arbitrary<KadMessage> messages() {
    return AmuleArbitraries.messages();
  }

  @Provide
  Arbitrary<KadMessage> imuleMessages() {
    return ProtocolArbitraries.messages();
  }

  @Property(tries = 3000)
  void everyKad4MessageRoundTrips(@ForAll("messages") KadMessage m) throws DecodeException {
    int opcode = Messages.opcodeOf(Overlay.AMULE_KAD4, m);
    byte[] bytes = AmuleMessages.encode(m);
    KadMessage back = AmuleMessages.decode(opcode, bytes);
    assertEquals(m, back);
    assertArrayEquals(bytes, AmuleMessages.encode(back));

    Dialected<KadMessage> d = Messages.decodeWithDialect(Overlay.AMULE_KAD4, opcode, bytes, Overlay.AMULE_KAD4.defaultLimits());
    assertEquals(m, d.value());
    assertEquals(TagDialect.PLAIN, d.dialect());

    byte[] frame = Framing.encode(new KadPacket(opcode, bytes), Overlay.AMULE_KAD4);
    assertTrue((frame[0] & 0xFF) == 0xE4 || (frame[0] & 0xFF) == 0xE5);
    assertEquals(new KadPacket(opcode, bytes), Framing.decode(frame, Overlay.AMULE_KAD4));

    String label = m instanceof Unknown ? "Unknown" : AmuleOpcode.fromCode(opcode).orElseThrow().name();
    Statistics.label("opcode").collect(label);
    Statistics.label("opcode")
        .coverage(
            c -> {
              for (AmuleOpcode op : AmuleOpcode.values()) {
                c.check(op.name()).count(n -> n > 0);
              }
              c.check("Unknown").count(n -> n > 0);
            });
  }

  /**
   * Overlays never get each other's messages by accident: a message either has a form in an
   * overlay, or both opcodeOf and encode refuse it.
   */
  @Property(tries = 1000)
  void overlaysRefuseForeignLayouts(@ForAll("imuleMessages") KadMessage m) {
    boolean hasKad4 = AmuleMessages.opcodeOf(m).isPresent();
    if (hasKad4) {
      // A shared layout; encoding can still refuse an iMule-only tag (BOOL, BLOB, ADDRESS, …).
      assertEquals(m.opcode(), Messages.opcodeOf(Overlay.IMULE_I2P, m));
    } else {
      assertThrows(IllegalArgumentException.class, () -> AmuleMessages.encode(m));
      assertThrows(IllegalArgumentException.class, () -> Messages.opcodeOf(Overlay.AMULE_KAD4, m));
    }
    // iMule's own records always keep their iMule form and opcode.
    assertEquals(m.opcode(), Messages.opcodeOf(Overlay.IMULE_I2P, m));
  }

  @Property(tries = 500)
  void kad4OnlyRecordsHaveNoImuleForm(@ForAll("messages") KadMessage m) {
    boolean kad4Only =
        m instanceof AmuleHello
            || m instanceof AmuleBootstrapRes
            || m instanceof AmuleRes
            || m instanceof AmulePong
            || m instanceof AmuleFirewalledReq
            || m instanceof AmuleFirewalledRes
            || m instanceof AmuleFirewalledAck
            || m instanceof Unknown;
    if (kad4Only) {
      assertThrows(IllegalArgumentException.class, () -> Messages.opcodeOf(Overlay.IMULE_I2P, m));
      assertThrows(IllegalArgumentException.class, () -> Messages.encode(Overlay.IMULE_I2P, m, TagDialect.PLAIN));
    } else {
      assertEquals(m.opcode(), Messages.opcodeOf(Overlay.IMULE_I2P, m));
    }
  }
}
