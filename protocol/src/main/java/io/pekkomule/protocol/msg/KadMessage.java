package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.WireWriter;

/**
 * One Kad message payload (what follows the 2-byte {@code 0x05 · opcode} header), one record per
 * opcode of spec §7.1 plus {@link Unknown}. Decode with {@link Messages#decode}; every record also
 * has a static {@code decode(byte[])}.
 *
 * <p>The same records serve the kad4 overlay wherever aMule's layout is iMule's (REQ,
 * HELLO_RES_ACK, SEARCH_*, PUBLISH_*, PING, FIREWALLED2_REQ, FIREWALLUDP, PUBLISH_RES in its key
 * shape); the {@code Amule*} records cover the kad4 layouts that differ (HELLO, BOOTSTRAP_RES,
 * RES, PONG, FIREWALLED_REQ/RES/ACK). {@link #opcode()} is the record's number in its home overlay
 * (iMule for the shared records); {@link Messages#opcodeOf(Overlay, KadMessage)} gives the number
 * in a given overlay, and {@link AmuleMessages} is the kad4 codec.
 */
public sealed interface KadMessage
    permits Kad1BootstrapReq,
        Kad1BootstrapRes,
        Kad1HelloReq,
        Kad1HelloRes,
        Kad1Req,
        Kad1Res,
        Kad1SearchReq,
        Kad1SearchRes,
        Kad1SearchNotesReq,
        Kad1PublishReq,
        Kad1PublishRes,
        Kad1PublishNotesReq,
        Kad2BootstrapReq,
        Kad2BootstrapRes,
        Kad2Hello,
        Kad2Req,
        Kad2HelloResAck,
        Kad2Res,
        Kad2SearchKeyReq,
        Kad2SearchSourceReq,
        Kad2SearchNotesReq,
        Kad2SearchRes,
        Kad2PublishKeyReq,
        Kad2PublishSourceReq,
        Kad2PublishNotesReq,
        Kad2PublishRes,
        Kad2PublishResAck,
        Kad2Firewalled2Req,
        Kad2Ping,
        Kad2Pong,
        Kad2FirewallUdp,
        AmuleHello,
        AmuleBootstrapRes,
        AmuleRes,
        AmulePong,
        AmuleFirewalledReq,
        AmuleFirewalledRes,
        AmuleFirewalledAck,
        Unknown {

  /** The opcode byte this payload travels under. */
  int opcode();

  /** Appends the payload, writing any tags with {@code tags}. */
  void writeTo(WireWriter w, TagWriter tags);

  /** The payload, tags in the plain dialect. */
  default byte[] encode() {
    return encode(TagWriter.PLAIN);
  }

  /** The payload in the dialect the peer was seen using. */
  default byte[] encode(TagDialect dialect) {
    return encode(TagWriter.of(dialect));
  }

  default byte[] encode(TagWriter tags) {
    WireWriter w = new WireWriter(256);
    writeTo(w, tags);
    return w.toByteArray();
  }
}
