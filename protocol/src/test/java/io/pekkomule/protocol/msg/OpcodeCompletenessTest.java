package io.pekkomule.protocol.msg;

import static io.pekkomule.protocol.TestBytes.dest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.search.NumericOp;
import io.pekkomule.protocol.search.NumericTerm;
import io.pekkomule.protocol.search.StringTerm;
import io.pekkomule.protocol.search.BoolExpr;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every opcode of spec §7.1 has a record; nothing can be added to {@link Opcode} unnoticed. */
public class OpcodeCompletenessTest {
  private static final KadId A = KadId.fromHex("0123456789ABCDEF0123456789ABCDEF");
  private static final KadId B = KadId.fromHex("FEDCBA9876543210FEDCBA9876543210");
  private static final Kad2Contact C2 = new Kad2Contact(8, A, dest(1));
  private static final Kad1Contact C1 = new Kad1Contact(B, dest(2), dest(3), 3);
  private static final TagList TAGS =
      TagList.of(new StringTag(TagName.FILENAME, "some file.ogg"), new IntTag(TagName.FILESIZE, 123_456));

  /** A non-trivial sample per opcode. The switch has no default: a new constant will not compile. */
  public static KadMessage sample(Opcode op) {
    return switch (op) {
      case KADEMLIA_BOOTSTRAP_REQ_DEPRECATED -> new Kad1BootstrapReq(C1);
      case KADEMLIA_BOOTSTRAP_RES_DEPRECATED -> new Kad1BootstrapRes(List.of(C1, C1));
      case KADEMLIA_HELLO_REQ_DEPRECATED -> new Kad1HelloReq(C1);
      case KADEMLIA_HELLO_RES_DEPRECATED -> new Kad1HelloRes(C1);
      case KADEMLIA_REQ_DEPRECATED -> new Kad1Req(0x0B, A, B, A);
      case KADEMLIA_RES_DEPRECATED -> new Kad1Res(A, List.of(C1));
      case KADEMLIA_SEARCH_REQ -> new Kad1SearchReq(A, 1, Optional.of(new StringTerm("ogg")));
      case KADEMLIA_SEARCH_RES -> new Kad1SearchRes(A, List.of(new TaggedEntry(B, TAGS)));
      case KADEMLIA_SEARCH_NOTES_REQ -> new Kad1SearchNotesReq(A, B);
      case KADEMLIA_PUBLISH_REQ -> new Kad1PublishReq(A, List.of(new TaggedEntry(B, TAGS)));
      case KADEMLIA_PUBLISH_RES -> Kad1PublishRes.forSource(A, 3, 1, 0);
      case KADEMLIA_PUBLISH_NOTES_REQ_DEPRECATED -> new Kad1PublishNotesReq(A, B, TAGS);
      case KADEMLIA2_BOOTSTRAP_REQ -> new Kad2BootstrapReq();
      case KADEMLIA2_BOOTSTRAP_RES -> new Kad2BootstrapRes(A, 8, dest(4), List.of(C2));
      case KADEMLIA2_HELLO_REQ -> Kad2HelloReq.of(C2);
      case KADEMLIA2_HELLO_RES -> Kad2HelloRes.of(C2, true);
      case KADEMLIA2_REQ -> Kad2Req.of(Kad2Req.FIND_NODE, A, B, A);
      case KADEMLIA2_HELLO_RES_ACK -> new Kad2HelloResAck(A);
      case KADEMLIA2_RES -> new Kad2Res(A, List.of(C2, C2));
      case KADEMLIA2_SEARCH_KEY_REQ -> new Kad2SearchKeyReq(A, 3, Optional.of(
          BoolExpr.and(new StringTerm("ogg"), new NumericTerm(NumericOp.LESS, TagName.FILESIZE, 1 << 20))));
      case KADEMLIA2_SEARCH_SOURCE_REQ -> new Kad2SearchSourceReq(A, 0, 123_456);
      case KADEMLIA2_SEARCH_NOTES_REQ -> new Kad2SearchNotesReq(A, 123_456);
      case KADEMLIA2_SEARCH_RES -> new Kad2SearchRes(B, A, List.of(new TaggedEntry(B, TAGS)));
      case KADEMLIA2_PUBLISH_KEY_REQ -> new Kad2PublishKeyReq(A, List.of(new TaggedEntry(B, TAGS)));
      case KADEMLIA2_PUBLISH_SOURCE_REQ -> new Kad2PublishSourceReq(A, B, TAGS);
      case KADEMLIA2_PUBLISH_NOTES_REQ -> new Kad2PublishNotesReq(A, B, TAGS);
      case KADEMLIA2_PUBLISH_RES -> new Kad2PublishRes(A, Optional.empty(), 40, OptionalInt.of(1));
      case KADEMLIA2_PUBLISH_RES_ACK -> new Kad2PublishResAck();
      case KADEMLIA_FIREWALLED2_REQ -> new Kad2Firewalled2Req(4662, A, 1);
      case KADEMLIA2_PING -> new Kad2Ping();
      case KADEMLIA2_PONG -> new Kad2Pong();
      case KADEMLIA2_FIREWALLUDP -> new Kad2FirewallUdp(0, 4672);
    };
  }

  @Test
  void everyOpcodeHasARecordThatRoundTrips() throws Exception {
    assertEquals(32, Opcode.values().length, "spec §7.1 lists 0x01..0x20");
    for (Opcode op : Opcode.values()) {
      KadMessage m = sample(op);
      assertEquals(op.code(), m.opcode(), op.name());
      byte[] payload = m.encode();
      assertTrue(payload.length >= op.minPayload() && payload.length <= op.maxPayload(), op.name());
      KadMessage back = Messages.decode(op.code(), payload);
      assertEquals(m, back, op.name());
      assertArrayEquals(payload, back.encode(), op.name());
      assertEquals(Optional.of(op), Opcode.fromCode(op.code()));
    }
  }

  @Test
  void opcodesAreContiguousAndMarkedAsInTheSpecTable() {
    for (int code = 0x01; code <= 0x20; code++) {
      assertTrue(Opcode.fromCode(code).isPresent(), Integer.toHexString(code));
    }
    assertTrue(Opcode.fromCode(0x00).isEmpty());
    assertTrue(Opcode.fromCode(0x21).isEmpty());
    Set<Integer> unhandled = Set.of(0x1C, 0x1D, 0x20);
    for (Opcode op : Opcode.values()) {
      assertEquals(!unhandled.contains(op.code()), op.handledByImule(), op.name());
      assertEquals(op.code() <= 0x0C, op.isKad1(), op.name());
    }
  }
}
