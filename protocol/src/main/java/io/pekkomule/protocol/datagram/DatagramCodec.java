package io.pekkomule.protocol.datagram;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.crypto.KadObfuscator;
import io.pekkomule.protocol.crypto.Obfuscation.Deobfuscated;
import io.pekkomule.protocol.crypto.Obfuscation.Mode;
import io.pekkomule.protocol.endpoint.Endpoint;
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
 * One instance speaks one {@link Overlay} (the obfuscator's); the {@link Endpoint} methods work for
 * both, the {@code int} "IP hash" methods are iMule's original signatures.
 */
public final class DatagramCodec {
  private final KadObfuscator obfuscator;
  private final Limits limits;
  private final Overlay overlay;

  public DatagramCodec(KadObfuscator obfuscator, Limits limits) {
    this.obfuscator = obfuscator;
    this.limits = limits;
    this.overlay = obfuscator.overlay();
  }

  public Overlay overlay() {
    return overlay;
  }

  /**
   * Decodes one datagram from {@code sender}, which must be of this overlay's address family (a
   * mismatch is a programming error, {@link IllegalArgumentException}).
   */
  public Inbound decode(byte[] datagram, Endpoint sender) throws DecodeException {
    checkFamily(sender);
    return decode(datagram, sender.verifyKeyInput());
  }

  /** Encodes for {@code receiver}; see {@link #encode(KadMessage, TagDialect, KadId, long, int)}. */
  public byte[] encode(
      KadMessage message, TagDialect dialect, KadId receiverId, long receiverVerifyKey, Endpoint receiver) {
    checkFamily(receiver);
    return encode(message, dialect, receiverId, receiverVerifyKey, receiver.verifyKeyInput());
  }

  private void checkFamily(Endpoint e) {
    if (e.family() != overlay.addressFamily()) {
      throw new IllegalArgumentException(e.family() + " endpoint on a " + overlay + " codec");
    }
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
    KadPacket packet = Framing.decode(d.packet(), overlay);
    Dialected<KadMessage> m =
        Messages.decodeWithDialect(overlay, packet.opcode(), packet.payload(), limits);
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
    byte[] frame =
        Framing.encode(
            new KadPacket(
                Messages.opcodeOf(overlay, message), Messages.encode(overlay, message, dialect)),
            overlay);
    return obfuscator.seal(frame, receiverId, receiverVerifyKey, receiverIpHash);
  }

  public Limits limits() {
    return limits;
  }
}
