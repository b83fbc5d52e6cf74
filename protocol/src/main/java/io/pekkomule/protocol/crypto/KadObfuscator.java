package io.pekkomule.protocol.crypto;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.crypto.Obfuscation.Deobfuscated;
import java.util.random.RandomGenerator;

/**
 * The obfuscation layer bound to this node's identity (own KadID, persisted UDP key secret) and an
 * injected random source: what the node's socket actor calls on every send and receive. Not
 * thread-safe unless the random generator is. The "IP hash" parameters are the peer's verify-key
 * input ({@code Endpoint.verifyKeyInput()}): iMule's destination hash, aMule's IPv4 address.
 */
public final class KadObfuscator {
  private final Overlay overlay;
  private final KadId ownId;
  private final int secret;
  private final RandomGenerator rnd;

  /** iMule's obfuscator. */
  public KadObfuscator(KadId ownId, int secret, RandomGenerator rnd) {
    this(Overlay.IMULE_I2P, ownId, secret, rnd);
  }

  public KadObfuscator(Overlay overlay, KadId ownId, int secret, RandomGenerator rnd) {
    this.overlay = overlay;
    this.ownId = ownId;
    this.secret = secret;
    this.rnd = rnd;
  }

  public Overlay overlay() {
    return overlay;
  }

  /** Our verify key for a peer: sent as sender key, and expected back as its receiver key. */
  public long verifyKeyFor(int peerIpHash) {
    return UdpVerifyKey.compute(peerIpHash, secret);
  }

  /**
   * Wraps an encoded frame for sending with iMule's mode choice ({@code EncryptSendClient}):
   * NodeID mode when {@code receiverId} is known and non-zero, else receiver-key mode when {@code
   * receiverVerifyKey ≠ 0}, else the frame goes out plain (and unchanged).
   *
   * @param receiverId the peer's KadID, or {@code null} / zero when unknown or when answering
   * @param receiverVerifyKey the sender key that peer last gave us (0 if none)
   * @param receiverIpHash the peer destination's 4-byte "IP", for our sender key
   */
  public byte[] seal(byte[] frame, KadId receiverId, long receiverVerifyKey, int receiverIpHash) {
    long senderVerifyKey = verifyKeyFor(receiverIpHash);
    if (receiverId != null && !receiverId.isZero()) {
      return Obfuscation.encryptNodeId(
          overlay, frame, receiverId, receiverVerifyKey, senderVerifyKey, rnd);
    }
    if (receiverVerifyKey != 0) {
      return Obfuscation.encryptReceiverKey(overlay, frame, receiverVerifyKey, senderVerifyKey, rnd);
    }
    return frame.clone();
  }

  /** Undoes the obfuscation of a received datagram; never throws for malformed input. */
  public Deobfuscated open(byte[] datagram, int senderIpHash) {
    return Obfuscation.decrypt(overlay, datagram, ownId, secret, senderIpHash);
  }
}
