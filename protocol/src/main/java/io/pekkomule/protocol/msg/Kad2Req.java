package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;
import java.util.Optional;

/** KADEMLIA2_REQ (0x11): {@code u8 count · UInt128 target · UInt128 receiverId [· UInt128 senderId]}. iMule sends 49 bytes (with the sender id) for lookups and 33 for the legacy challenge; its receiver reads 33 and ignores the rest, and so does this decoder. */
public record Kad2Req(int count, KadId target, KadId receiverId, Optional<KadId> senderId) implements KadMessage {
  /** Count iMule asks for in node lookups (NODE, NODECOMPLETE, NODESPECIAL). */
  public static final int FIND_NODE = 0x0B;
  /** Count for FILE, KEYWORD and NOTES lookups, and in the legacy challenge. */
  public static final int FIND_VALUE = 0x02;
  /** Count for STORE* lookups. */
  public static final int STORE = 0x04;

  public Kad2Req {
    Codec.u8(count, "count");
    if ((count & 0x1F) == 0) {
      throw new IllegalArgumentException("count & 0x1F must not be 0");
    }
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(receiverId, "receiverId");
    Objects.requireNonNull(senderId, "senderId");
  }

  /** The 49-byte lookup request iMule sends. */
  public static Kad2Req of(int count, KadId target, KadId receiverId, KadId senderId) {
    return new Kad2Req(count, target, receiverId, Optional.of(senderId));
  }

  /** The 33-byte legacy challenge: a random non-zero target, the contacted peer's id as receiver. */
  public static Kad2Req legacyChallenge(KadId challenge, KadId receiverId) {
    return new Kad2Req(FIND_VALUE, challenge, receiverId, Optional.empty());
  }

  /** Contacts asked for: the low 5 bits of {@code count}, as iMule reads it. */
  public int requestedContacts() {
    return count & 0x1F;
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    w.u8(count);
    target.writeTo(w);
    receiverId.writeTo(w);
    senderId.ifPresent(id -> id.writeTo(w));
  }

  static Kad2Req read(WireReader r, TagReader tags) throws DecodeException {
    int count = r.u8();
    if ((count & 0x1F) == 0) {
      throw new DecodeException(Reason.BAD_VALUE, 0, "REQ asks for 0 contacts");
    }
    KadId target = KadId.read(r);
    KadId receiver = KadId.read(r);
    Optional<KadId> sender = r.remaining() >= KadId.BYTES ? Optional.of(KadId.read(r)) : Optional.empty();
    r.skip(r.remaining());
    return new Kad2Req(count, target, receiver, sender);
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_REQ.code();
  }

  public static Kad2Req decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2Req decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2Req.class, Opcode.KADEMLIA2_REQ, payload, limits);
  }
}
