package io.pekkomule.protocol.datagram;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.crypto.KadObfuscator;
import io.pekkomule.protocol.crypto.Obfuscation.Deobfuscated;
import io.pekkomule.protocol.crypto.Obfuscation.Mode;
import io.pekkomule.protocol.frame.Framing;
import io.pekkomule.protocol.frame.KadPacket;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.Messages;
import io.pekkomule.protocol.tag.Dialected;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.wire.DecodeException;

/**
 * The whole datagram pipeline of one node, both ways: size check → de-obfuscation → framing and
 * bounded inflate → message decode on the way in, and the reverse on the way out. The node never
 * parses bytes itself; it calls this. Not thread-safe when the obfuscator's random source is not.
 */
public final class DatagramCodec {
  private final KadObfuscator obfuscator;
  private final Limits limits;

  public DatagramCodec(KadObfuscator obfuscator, Limits limits) {
    this.obfuscator = obfuscator;
    this.limits = limits;
  }

  /** A decoded datagram and what the layers below the message said about it. */
  public record Inbound(
      KadMessage message,
      TagDialect dialect,
      boolean dialectObserved,
      Mode obfuscation,
      long receiverVerifyKey,
      long senderVerifyKey,
      boolean validReceiverKey) {}

  /**
   * Decodes one received datagram. Every malformed, oversized or non-Kad input ends in a {@link
   * DecodeException} (its {@code Reason} is the metric label); an opcode iMule does not define
   * decodes to {@code Unknown}. Nothing else is thrown.
   *
   * @param senderIpHash the 4-byte "IP" of the datagram's signed sender destination
   */
  public Inbound decode(byte[] datagram, int senderIpHash) throws DecodeException {
    if (datagram.length > limits.maxDatagram()) {
      throw new DecodeException(
          DecodeException.Reason.OVER_LIMIT, limits.maxDatagram(), "datagram too large");
    }
    Deobfuscated d = obfuscator.open(datagram, senderIpHash);
    KadPacket packet = Framing.decode(d.packet());
    Dialected<KadMessage> m =
        Messages.decodeWithDialect(packet.opcode(), packet.payload(), limits);
    return new Inbound(
        m.value(),
        m.dialect(),
        m.dialectObserved(),
        d.mode(),
        d.receiverVerifyKey(),
        d.senderVerifyKey(),
        d.validReceiverKey());
  }

  /**
   * Encodes a message for one peer with iMule's obfuscation choice: NodeID mode when {@code
   * receiverId} is known (requests to peers of version ≥ 6), receiver-key mode when only {@code
   * receiverVerifyKey} is known (responses), plain otherwise.
   *
   * @throws IllegalArgumentException when the message cannot fit one datagram (split it first)
   */
  public byte[] encode(
      KadMessage message,
      TagDialect dialect,
      KadId receiverId,
      long receiverVerifyKey,
      int receiverIpHash) {
    byte[] frame = Framing.encode(new KadPacket(message.opcode(), message.encode(dialect)));
    return obfuscator.seal(frame, receiverId, receiverVerifyKey, receiverIpHash);
  }

  public Limits limits() {
    return limits;
  }
}
