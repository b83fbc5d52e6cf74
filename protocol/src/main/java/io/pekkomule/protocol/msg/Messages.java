package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.tag.DialectDecoder;
import io.pekkomule.protocol.tag.Dialected;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.wire.Bytes;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.util.Optional;

/**
 * The single entry point from (opcode, payload) to a {@link KadMessage}. An opcode iMule does not
 * define decodes to {@link Unknown}; malformed, truncated or over-limit input of a known opcode is a
 * {@link DecodeException}, never another exception. Size bounds ({@link Limits#maxKadPayload()},
 * the opcode's fixed or minimum size) are checked before any field is read.
 */
public final class Messages {
  private Messages() {}

  /** Decodes with {@link Limits#DEFAULT}. */
  public static KadMessage decode(int opcode, byte[] payload) throws DecodeException {
    return decode(opcode, payload, Limits.DEFAULT);
  }

  public static KadMessage decode(int opcode, byte[] payload, Limits limits) throws DecodeException {
    return decodeWithDialect(opcode, payload, limits).value();
  }

  /**
   * Decodes and reports the tag dialect the payload parsed in (spec §6 ⚠), so the node can answer a
   * peer in its own form. Plain is tried first; see {@link DialectDecoder}.
   */
  public static Dialected<KadMessage> decodeWithDialect(int opcode, byte[] payload, Limits limits)
      throws DecodeException {
    if (opcode < 0 || opcode > 0xFF) {
      throw new IllegalArgumentException("opcode must fit in one byte: " + opcode);
    }
    if (payload.length > limits.maxKadPayload()) {
      throw new DecodeException(
          Reason.OVER_LIMIT, 0, "payload of " + payload.length + " bytes, limit " + limits.maxKadPayload());
    }
    Optional<Opcode> known = Opcode.fromCode(opcode);
    if (known.isEmpty()) {
      return new Dialected<>(new Unknown(opcode, Bytes.of(payload)), TagDialect.PLAIN, false);
    }
    return decodeKnown(known.get(), payload, limits);
  }

  /**
   * Decodes in the given overlay: iMule with tag-dialect detection ({@link
   * #decodeWithDialect(int, byte[], Limits)}), kad4 through {@link AmuleMessages} (aMule has no
   * serial quirk, so the dialect is always PLAIN and never observed).
   */
  public static Dialected<KadMessage> decodeWithDialect(
      Overlay overlay, int opcode, byte[] payload, Limits limits) throws DecodeException {
    if (overlay == Overlay.AMULE_KAD4) {
      return new Dialected<>(AmuleMessages.decode(opcode, payload, limits), TagDialect.PLAIN, false);
    }
    return decodeWithDialect(opcode, payload, limits);
  }

  /**
   * The opcode of a message in an overlay.
   *
   * @throws IllegalArgumentException when the message has no form in that overlay (an {@code
   *     Amule*} record or a kad4 {@link Unknown} in iMule; an iMule-only layout in kad4)
   */
  public static int opcodeOf(Overlay overlay, KadMessage m) {
    if (overlay == Overlay.AMULE_KAD4) {
      return AmuleMessages.opcodeOf(m)
          .orElseThrow(() -> new IllegalArgumentException(m.getClass().getSimpleName() + " has no kad4 form"));
    }
    if (!hasImuleForm(m)) {
      throw new IllegalArgumentException(m.getClass().getSimpleName() + " has no iMule form");
    }
    return m.opcode();
  }

  /** The payload of a message in an overlay; {@code dialect} applies to iMule only. */
  public static byte[] encode(Overlay overlay, KadMessage m, TagDialect dialect) {
    if (overlay == Overlay.AMULE_KAD4) {
      return AmuleMessages.encode(m);
    }
    opcodeOf(overlay, m);
    return m.encode(dialect);
  }

  private static boolean hasImuleForm(KadMessage m) {
    if (m instanceof Unknown u) {
      return u.overlay() == Overlay.IMULE_I2P;
    }
    return !(m instanceof AmuleHello
        || m instanceof AmuleBootstrapRes
        || m instanceof AmuleRes
        || m instanceof AmulePong
        || m instanceof AmuleFirewalledReq
        || m instanceof AmuleFirewalledRes
        || m instanceof AmuleFirewalledAck);
  }

  static <T extends KadMessage> T decodeAs(Class<T> type, Opcode op, byte[] payload, Limits limits)
      throws DecodeException {
    if (payload.length > limits.maxKadPayload()) {
      throw new DecodeException(
          Reason.OVER_LIMIT, 0, "payload of " + payload.length + " bytes, limit " + limits.maxKadPayload());
    }
    return type.cast(decodeKnown(op, payload, limits).value());
  }

  private static Dialected<KadMessage> decodeKnown(Opcode op, byte[] payload, Limits limits)
      throws DecodeException {
    if (payload.length < op.minPayload()) {
      throw new DecodeException(
          Reason.TRUNCATED, payload.length, op + " needs at least " + op.minPayload() + " bytes, got " + payload.length);
    }
    if (payload.length > op.maxPayload()) {
      throw new DecodeException(
          Reason.TRAILING_BYTES, op.maxPayload(), op + " takes at most " + op.maxPayload() + " bytes, got " + payload.length);
    }
    return DialectDecoder.decode(payload, limits, reader(op));
  }

  private static DialectDecoder.Body<KadMessage> reader(Opcode op) {
    switch (op) {
      case KADEMLIA_BOOTSTRAP_REQ_DEPRECATED:
        return Kad1BootstrapReq::read;
      case KADEMLIA_BOOTSTRAP_RES_DEPRECATED:
        return Kad1BootstrapRes::read;
      case KADEMLIA_HELLO_REQ_DEPRECATED:
        return Kad1HelloReq::read;
      case KADEMLIA_HELLO_RES_DEPRECATED:
        return Kad1HelloRes::read;
      case KADEMLIA_REQ_DEPRECATED:
        return Kad1Req::read;
      case KADEMLIA_RES_DEPRECATED:
        return Kad1Res::read;
      case KADEMLIA_SEARCH_REQ:
        return Kad1SearchReq::read;
      case KADEMLIA_SEARCH_RES:
        return Kad1SearchRes::read;
      case KADEMLIA_SEARCH_NOTES_REQ:
        return Kad1SearchNotesReq::read;
      case KADEMLIA_PUBLISH_REQ:
        return Kad1PublishReq::read;
      case KADEMLIA_PUBLISH_RES:
        return Kad1PublishRes::read;
      case KADEMLIA_PUBLISH_NOTES_REQ_DEPRECATED:
        return Kad1PublishNotesReq::read;
      case KADEMLIA2_BOOTSTRAP_REQ:
        return Kad2BootstrapReq::read;
      case KADEMLIA2_BOOTSTRAP_RES:
        return Kad2BootstrapRes::read;
      case KADEMLIA2_HELLO_REQ:
        return Kad2HelloReq::read;
      case KADEMLIA2_HELLO_RES:
        return Kad2HelloRes::read;
      case KADEMLIA2_REQ:
        return Kad2Req::read;
      case KADEMLIA2_HELLO_RES_ACK:
        return Kad2HelloResAck::read;
      case KADEMLIA2_RES:
        return Kad2Res::read;
      case KADEMLIA2_SEARCH_KEY_REQ:
        return Kad2SearchKeyReq::read;
      case KADEMLIA2_SEARCH_SOURCE_REQ:
        return Kad2SearchSourceReq::read;
      case KADEMLIA2_SEARCH_NOTES_REQ:
        return Kad2SearchNotesReq::read;
      case KADEMLIA2_SEARCH_RES:
        return Kad2SearchRes::read;
      case KADEMLIA2_PUBLISH_KEY_REQ:
        return Kad2PublishKeyReq::read;
      case KADEMLIA2_PUBLISH_SOURCE_REQ:
        return Kad2PublishSourceReq::read;
      case KADEMLIA2_PUBLISH_NOTES_REQ:
        return Kad2PublishNotesReq::read;
      case KADEMLIA2_PUBLISH_RES:
        return Kad2PublishRes::read;
      case KADEMLIA2_PUBLISH_RES_ACK:
        return Kad2PublishResAck::read;
      case KADEMLIA_FIREWALLED2_REQ:
        return Kad2Firewalled2Req::read;
      case KADEMLIA2_PING:
        return Kad2Ping::read;
      case KADEMLIA2_PONG:
        return Kad2Pong::read;
      case KADEMLIA2_FIREWALLUDP:
        return Kad2FirewallUdp::read;
      default:
        throw new IllegalStateException("no reader for " + op);
    }
  }
}
