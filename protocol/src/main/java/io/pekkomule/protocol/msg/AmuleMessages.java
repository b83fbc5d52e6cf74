package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.Bytes;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kad4 (aMule/eMule classic Kad2) message codec: opcode numbering of {@link AmuleOpcode}, aMule
 * tag form ({@link TagWriter#AMULE}), 25-byte IPv4 contacts. Shares the records of every message
 * whose layout is iMule's; an opcode it does not define decodes to {@link Unknown} (overlay
 * AMULE_KAD4), never to an exception. Malformed, truncated or over-limit input of a known opcode is
 * a {@link DecodeException}, checked against the opcode's bounds before any field is read.
 */
public final class AmuleMessages {
  private AmuleMessages() {}

  /** Decodes with {@code Overlay.AMULE_KAD4.defaultLimits()}. */
  public static KadMessage decode(int opcode, byte[] payload) throws DecodeException {
    return decode(opcode, payload, Overlay.AMULE_KAD4.defaultLimits());
  }

  public static KadMessage decode(int opcode, byte[] payload, Limits limits) throws DecodeException {
    if (opcode < 0 || opcode > 0xFF) {
      throw new IllegalArgumentException("opcode must fit in one byte: " + opcode);
    }
    if (payload.length > limits.maxKadPayload()) {
      throw new DecodeException(
          Reason.OVER_LIMIT, 0, "payload of " + payload.length + " bytes, limit " + limits.maxKadPayload());
    }
    Optional<AmuleOpcode> known = AmuleOpcode.fromCode(opcode);
    if (known.isEmpty()) {
      return new Unknown(Overlay.AMULE_KAD4, opcode, Bytes.of(payload));
    }
    return decodeKnown(known.get(), payload, limits);
  }

  static <T extends KadMessage> T decodeAs(Class<T> type, AmuleOpcode op, byte[] payload)
      throws DecodeException {
    Limits limits = Overlay.AMULE_KAD4.defaultLimits();
    if (payload.length > limits.maxKadPayload()) {
      throw new DecodeException(Reason.OVER_LIMIT, 0, "payload of " + payload.length + " bytes");
    }
    return type.cast(decodeKnown(op, payload, limits));
  }

  private static KadMessage decodeKnown(AmuleOpcode op, byte[] payload, Limits limits)
      throws DecodeException {
    if (payload.length < op.minPayload()) {
      throw new DecodeException(
          Reason.TRUNCATED, payload.length, op + " needs at least " + op.minPayload() + " bytes, got " + payload.length);
    }
    if (payload.length > op.maxPayload()) {
      throw new DecodeException(
          Reason.TRAILING_BYTES, op.maxPayload(), op + " takes at most " + op.maxPayload() + " bytes, got " + payload.length);
    }
    WireReader r = new WireReader(payload);
    TagReader tags = TagReader.forOverlay(Overlay.AMULE_KAD4, limits);
    KadMessage m = read(op, r, tags);
    r.expectEnd();
    return m;
  }

  private static KadMessage read(AmuleOpcode op, WireReader r, TagReader tags) throws DecodeException {
    switch (op) {
      case KADEMLIA2_BOOTSTRAP_REQ:
        r.skip(r.remaining());
        return new Kad2BootstrapReq();
      case KADEMLIA2_BOOTSTRAP_RES:
        return AmuleBootstrapRes.read(r, tags);
      case KADEMLIA2_HELLO_REQ:
        return AmuleHelloReq.read(r, tags);
      case KADEMLIA2_HELLO_RES:
        return AmuleHelloRes.read(r, tags);
      case KADEMLIA2_REQ:
        return Kad2Req.read(r, tags);
      case KADEMLIA2_HELLO_RES_ACK:
        return Kad2HelloResAck.read(r, tags);
      case KADEMLIA2_RES:
        return AmuleRes.read(r, tags);
      case KADEMLIA2_SEARCH_KEY_REQ:
        return Kad2SearchKeyReq.read(r, tags);
      case KADEMLIA2_SEARCH_SOURCE_REQ:
        return Kad2SearchSourceReq.read(r, tags);
      case KADEMLIA2_SEARCH_NOTES_REQ:
        return Kad2SearchNotesReq.read(r, tags);
      case KADEMLIA2_SEARCH_RES:
        return Kad2SearchRes.read(r, tags);
      case KADEMLIA2_PUBLISH_KEY_REQ:
        return Kad2PublishKeyReq.read(r, tags);
      case KADEMLIA2_PUBLISH_SOURCE_REQ:
        return Kad2PublishSourceReq.read(r, tags);
      case KADEMLIA2_PUBLISH_NOTES_REQ:
        return Kad2PublishNotesReq.read(r, tags);
      case KADEMLIA2_PUBLISH_RES:
        {
          KadId key = KadId.read(r);
          int load = r.u8();
          OptionalInt options = r.hasRemaining() ? OptionalInt.of(r.u8()) : OptionalInt.empty();
          return new Kad2PublishRes(key, Optional.empty(), load, options);
        }
      case KADEMLIA2_PUBLISH_RES_ACK:
        return new Kad2PublishResAck();
      case KADEMLIA_FIREWALLED_REQ:
        return AmuleFirewalledReq.read(r, tags);
      case KADEMLIA_FIREWALLED2_REQ:
        {
          Kad2Firewalled2Req m = Kad2Firewalled2Req.read(r, tags);
          r.skip(r.remaining());
          return m;
        }
      case KADEMLIA_FIREWALLED_RES:
        return AmuleFirewalledRes.read(r, tags);
      case KADEMLIA_FIREWALLED_ACK_RES:
        return new AmuleFirewalledAck();
      case KADEMLIA2_PING:
        r.skip(r.remaining());
        return new Kad2Ping();
      case KADEMLIA2_PONG:
        return AmulePong.read(r, tags);
      case KADEMLIA2_FIREWALLUDP:
        {
          Kad2FirewallUdp m = Kad2FirewallUdp.read(r, tags);
          r.skip(r.remaining());
          return m;
        }
      default:
        throw new IllegalStateException("no reader for " + op);
    }
  }

  /** The kad4 opcode of a message, or empty when it has no kad4 form (iMule-only layouts). */
  public static OptionalInt opcodeOf(KadMessage m) {
    AmuleOpcode op = kad4Opcode(m);
    if (op != null) {
      return OptionalInt.of(op.code());
    }
    if (m instanceof Unknown u && u.overlay() == Overlay.AMULE_KAD4) {
      return OptionalInt.of(u.opcode());
    }
    return OptionalInt.empty();
  }

  private static AmuleOpcode kad4Opcode(KadMessage m) {
    if (m instanceof Kad2BootstrapReq) {
      return AmuleOpcode.KADEMLIA2_BOOTSTRAP_REQ;
    } else if (m instanceof AmuleBootstrapRes) {
      return AmuleOpcode.KADEMLIA2_BOOTSTRAP_RES;
    } else if (m instanceof AmuleHelloReq) {
      return AmuleOpcode.KADEMLIA2_HELLO_REQ;
    } else if (m instanceof AmuleHelloRes) {
      return AmuleOpcode.KADEMLIA2_HELLO_RES;
    } else if (m instanceof Kad2Req) {
      return AmuleOpcode.KADEMLIA2_REQ;
    } else if (m instanceof Kad2HelloResAck) {
      return AmuleOpcode.KADEMLIA2_HELLO_RES_ACK;
    } else if (m instanceof AmuleRes) {
      return AmuleOpcode.KADEMLIA2_RES;
    } else if (m instanceof Kad2SearchKeyReq) {
      return AmuleOpcode.KADEMLIA2_SEARCH_KEY_REQ;
    } else if (m instanceof Kad2SearchSourceReq) {
      return AmuleOpcode.KADEMLIA2_SEARCH_SOURCE_REQ;
    } else if (m instanceof Kad2SearchNotesReq) {
      return AmuleOpcode.KADEMLIA2_SEARCH_NOTES_REQ;
    } else if (m instanceof Kad2SearchRes) {
      return AmuleOpcode.KADEMLIA2_SEARCH_RES;
    } else if (m instanceof Kad2PublishKeyReq) {
      return AmuleOpcode.KADEMLIA2_PUBLISH_KEY_REQ;
    } else if (m instanceof Kad2PublishSourceReq) {
      return AmuleOpcode.KADEMLIA2_PUBLISH_SOURCE_REQ;
    } else if (m instanceof Kad2PublishNotesReq) {
      return AmuleOpcode.KADEMLIA2_PUBLISH_NOTES_REQ;
    } else if (m instanceof Kad2PublishRes p) {
      // Only the key shape exists in aMule; the source-count shape is iMule's.
      return p.sourceCounts().isEmpty() ? AmuleOpcode.KADEMLIA2_PUBLISH_RES : null;
    } else if (m instanceof Kad2PublishResAck) {
      return AmuleOpcode.KADEMLIA2_PUBLISH_RES_ACK;
    } else if (m instanceof AmuleFirewalledReq) {
      return AmuleOpcode.KADEMLIA_FIREWALLED_REQ;
    } else if (m instanceof Kad2Firewalled2Req) {
      return AmuleOpcode.KADEMLIA_FIREWALLED2_REQ;
    } else if (m instanceof AmuleFirewalledRes) {
      return AmuleOpcode.KADEMLIA_FIREWALLED_RES;
    } else if (m instanceof AmuleFirewalledAck) {
      return AmuleOpcode.KADEMLIA_FIREWALLED_ACK_RES;
    } else if (m instanceof Kad2Ping) {
      return AmuleOpcode.KADEMLIA2_PING;
    } else if (m instanceof AmulePong) {
      return AmuleOpcode.KADEMLIA2_PONG;
    } else if (m instanceof Kad2FirewallUdp) {
      return AmuleOpcode.KADEMLIA2_FIREWALLUDP;
    }
    return null;
  }

  /**
   * The kad4 payload of a message (tags in aMule's form).
   *
   * @throws IllegalArgumentException for a message without a kad4 form (an iMule contact, HELLO or
   *     PONG record, Kad1, PUBLISH_RES with source counts, an iMule {@link Unknown}) or holding a
   *     tag aMule cannot read
   */
  public static byte[] encode(KadMessage m) {
    if (opcodeOf(m).isEmpty()) {
      throw new IllegalArgumentException(m.getClass().getSimpleName() + " has no kad4 form");
    }
    return m.encode(TagWriter.AMULE);
  }
}
