package io.pekkomule.protocol.crypto;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.frame.Framing;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * iMule's UDP obfuscation for Kad datagrams ({@code EncryptedDatagramSocket}, spec §5.3): RC4
 * keyed by MD5 of the receiver's KadID or of a receiver verify key, with a 16-byte header.
 * Stateless; {@link KadObfuscator} binds it to the node's own identity.
 *
 * <p>aMule's Kad obfuscation is the same scheme byte for byte (same magic, key material, marker
 * bits and layout); only the set of plain protocol bytes differs ({@link
 * Overlay#isPlainProtocolByte}) and the verify-key input is the IPv4 address instead of the
 * destination hash. Methods without an {@link Overlay} are iMule's.
 */
public final class Obfuscation {

  /** {@code MAGICVALUE_UDP_SYNC_CLIENT}, the first encrypted field; a key is right iff it decrypts. */
  public static final int MAGIC = 0x395F2EC1;
  /** Marker, randomKeyPart, magic, padLen, two verify keys (padding is always 0 when we send). */
  public static final int OVERHEAD = 16;
  /** Marker, randomKeyPart, magic, padLen: {@code CRYPT_HEADER_WITHOUTPADDING}. */
  static final int HEADER_WITHOUT_PADDING = 8;
  /** iMule gives up drawing a marker after this many forbidden values. */
  static final int MARKER_TRIES = 128;

  /** How a received datagram was (or was not) decrypted. */
  public enum Mode {
    /** First byte is a plain protocol byte: passed through, no keys. */
    PLAIN,
    /** Decrypted with the key derived from our own KadID. */
    NODE_ID,
    /** Decrypted with the key derived from the verify key we gave that sender. */
    RECEIVER_KEY,
    /**
     * No key produced the magic, or the decrypted header was too short for the verify keys: the
     * raw bytes are passed on, and the frame decoder rejects them as an unknown protocol.
     */
    NONE_MATCHED
  }

  /**
   * A received datagram after the obfuscation layer.
   *
   * @param packet the Kad frame (protocol byte first), or the raw datagram when not decrypted
   * @param receiverVerifyKey the key the sender says we gave it (0 unless decrypted)
   * @param senderVerifyKey the sender's key for us, to echo in replies (0 unless decrypted)
   * @param validReceiverKey {@code receiverVerifyKey} equals the key we issue to this sender
   *     (spec §4.3); always false for plain datagrams
   */
  public record Deobfuscated(
      byte[] packet,
      Mode mode,
      long receiverVerifyKey,
      long senderVerifyKey,
      boolean validReceiverKey) {

    public Deobfuscated {
      packet = packet.clone();
    }

    @Override
    public byte[] packet() {
      return packet.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Deobfuscated d
          && Arrays.equals(d.packet, packet)
          && d.mode == mode
          && d.receiverVerifyKey == receiverVerifyKey
          && d.senderVerifyKey == senderVerifyKey
          && d.validReceiverKey == validReceiverKey;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(packet) * 31 + mode.hashCode();
    }

    @Override
    public String toString() {
      return String.format(
          "Deobfuscated[%s, %d bytes, receiverKey=%08X, senderKey=%08X, valid=%s]",
          mode, packet.length, receiverVerifyKey, senderVerifyKey, validReceiverKey);
    }
  }

  private Obfuscation() {}

  /**
   * True for the first bytes iMule never obfuscates and passes through unchanged: 0x03 packed
   * ed2k, 0x04 ed2k UDP, 0x05/0x06 Kad, 0xA3/0xB2 reserved (iMule's {@code Protocols.h} values).
   */
  public static boolean isPlainProtocolByte(int b) {
    return Overlay.IMULE_I2P.isPlainProtocolByte(b);
  }

  /**
   * Encrypts a frame in NodeID mode: RC4 key = MD5(receiver KadID wire bytes · randomKeyPart).
   * iMule uses it for requests to contacts of version ≥ 6 and for HELLO_RES.
   */
  public static byte[] encryptNodeId(
      byte[] frame,
      KadId receiverId,
      long receiverVerifyKey,
      long senderVerifyKey,
      RandomGenerator rnd) {
    return encryptNodeId(Overlay.IMULE_I2P, frame, receiverId, receiverVerifyKey, senderVerifyKey, rnd);
  }

  /** {@link #encryptNodeId(byte[], KadId, long, long, RandomGenerator)} for any overlay. */
  public static byte[] encryptNodeId(
      Overlay overlay,
      byte[] frame,
      KadId receiverId,
      long receiverVerifyKey,
      long senderVerifyKey,
      RandomGenerator rnd) {
    if (receiverId.isZero()) {
      throw new IllegalArgumentException("NodeID mode needs a non-zero receiver KadID");
    }
    int randomKeyPart = rnd.nextInt(0x10000);
    return encrypt(
        overlay,
        frame,
        nodeIdKey(receiverId, randomKeyPart),
        drawMarker(overlay, false, rnd),
        randomKeyPart,
        receiverVerifyKey,
        senderVerifyKey);
  }

  /**
   * Encrypts a frame in receiver-key mode: RC4 key = MD5(receiverVerifyKey LE · randomKeyPart).
   * iMule uses it for responses, keyed by the sender key the requester sent.
   */
  public static byte[] encryptReceiverKey(
      byte[] frame, long receiverVerifyKey, long senderVerifyKey, RandomGenerator rnd) {
    return encryptReceiverKey(Overlay.IMULE_I2P, frame, receiverVerifyKey, senderVerifyKey, rnd);
  }

  /** {@link #encryptReceiverKey(byte[], long, long, RandomGenerator)} for any overlay. */
  public static byte[] encryptReceiverKey(
      Overlay overlay, byte[] frame, long receiverVerifyKey, long senderVerifyKey, RandomGenerator rnd) {
    if (receiverVerifyKey == 0) {
      throw new IllegalArgumentException("receiver-key mode needs a non-zero receiver key");
    }
    int randomKeyPart = rnd.nextInt(0x10000);
    return encrypt(
        overlay,
        frame,
        receiverKey(receiverVerifyKey, randomKeyPart),
        drawMarker(overlay, true, rnd),
        randomKeyPart,
        receiverVerifyKey,
        senderVerifyKey);
  }

  /**
   * iMule's receive path ({@code DecryptReceivedClient}). Plain protocol bytes and datagrams of
   * at most 8 bytes pass through. Otherwise the keys are tried in the order the marker's low two
   * bits suggest (0: NodeID, ed2k, receiver key; 2: receiver key, NodeID, ed2k; 1 and 3: ed2k,
   * receiver key, NodeID). The ed2k user-hash key is skipped: this node has no ed2k user hash, so
   * that attempt could only fail, and skipping it leaves the order of the other two unchanged.
   *
   * @param ownId our KadID (NodeID-mode key)
   * @param ownSecret our persisted UDP key secret (receiver-key mode key, via {@link UdpVerifyKey})
   * @param senderIpHash the sending destination's 4-byte "IP"
   */
  public static Deobfuscated decrypt(
      byte[] datagram, KadId ownId, int ownSecret, int senderIpHash) {
    return decrypt(Overlay.IMULE_I2P, datagram, ownId, ownSecret, senderIpHash);
  }

  /**
   * {@link #decrypt(byte[], KadId, int, int)} for any overlay: that overlay's plain protocol bytes
   * pass through.
   *
   * @param senderKeyInput the sender's verify-key input ({@code Endpoint.verifyKeyInput()})
   */
  public static Deobfuscated decrypt(
      Overlay overlay, byte[] datagram, KadId ownId, int ownSecret, int senderKeyInput) {
    long ourKeyForSender = UdpVerifyKey.compute(senderKeyInput, ownSecret);
    if (datagram.length <= HEADER_WITHOUT_PADDING || overlay.isPlainProtocolByte(datagram[0])) {
      return passThrough(overlay, datagram);
    }
    int marker = datagram[0] & 0x03;
    int attempt = marker == 3 ? 1 : marker;
    int randomKeyPart = (datagram[1] & 0xFF) | (datagram[2] & 0xFF) << 8;
    for (int tries = 0; tries < 3; tries++, attempt = (attempt + 1) % 3) {
      byte[] key;
      Mode mode;
      if (attempt == 0) {
        key = nodeIdKey(ownId, randomKeyPart);
        mode = Mode.NODE_ID;
      } else if (attempt == 2) {
        key = receiverKey(ourKeyForSender, randomKeyPart);
        mode = Mode.RECEIVER_KEY;
      } else {
        continue; // ed2k user-hash key: never ours, see above
      }
      RC4Engine rc4 = rc4(key);
      byte[] magic = new byte[4];
      rc4.processBytes(datagram, 3, 4, magic, 0);
      if (UdpVerifyKey.leInt(magic, 0) == MAGIC) {
        return afterMagic(datagram, rc4, mode, ourKeyForSender);
      }
    }
    return new Deobfuscated(datagram, Mode.NONE_MATCHED, 0, 0, false);
  }

  /** The rest of the header once the magic matched; iMule commits to this key from here on. */
  private static Deobfuscated afterMagic(
      byte[] datagram, RC4Engine rc4, Mode mode, long ourKeyForSender) {
    byte[] one = new byte[1];
    rc4.processBytes(datagram, 7, 1, one, 0);
    int padLen = one[0] & 0xFF;
    int remaining = datagram.length - HEADER_WITHOUT_PADDING;
    if (remaining <= padLen) {
      return new Deobfuscated(datagram, Mode.NONE_MATCHED, 0, 0, false);
    }
    if (padLen > 0) {
      rc4.processBytes(datagram, HEADER_WITHOUT_PADDING, padLen, new byte[padLen], 0);
    }
    remaining -= padLen;
    if (remaining <= 8) {
      return new Deobfuscated(datagram, Mode.NONE_MATCHED, 0, 0, false);
    }
    int at = HEADER_WITHOUT_PADDING + padLen;
    byte[] keys = new byte[8];
    rc4.processBytes(datagram, at, 8, keys, 0);
    long receiverVerifyKey = Integer.toUnsignedLong(UdpVerifyKey.leInt(keys, 0));
    long senderVerifyKey = Integer.toUnsignedLong(UdpVerifyKey.leInt(keys, 4));
    byte[] packet = new byte[remaining - 8];
    rc4.processBytes(datagram, at + 8, packet.length, packet, 0);
    return new Deobfuscated(
        packet, mode, receiverVerifyKey, senderVerifyKey, receiverVerifyKey == ourKeyForSender);
  }

  private static Deobfuscated passThrough(Overlay overlay, byte[] datagram) {
    Mode mode =
        datagram.length > 0 && overlay.isPlainProtocolByte(datagram[0]) ? Mode.PLAIN : Mode.NONE_MATCHED;
    return new Deobfuscated(datagram, mode, 0, 0, false);
  }

  /** Encrypts with an explicit RC4 key, marker and randomKeyPart (the deterministic core). */
  static byte[] encrypt(
      byte[] frame,
      byte[] rc4Key,
      int marker,
      int randomKeyPart,
      long receiverVerifyKey,
      long senderVerifyKey) {
    return encrypt(
        Overlay.IMULE_I2P, frame, rc4Key, marker, randomKeyPart, receiverVerifyKey, senderVerifyKey);
  }

  static byte[] encrypt(
      Overlay overlay,
      byte[] frame,
      byte[] rc4Key,
      int marker,
      int randomKeyPart,
      long receiverVerifyKey,
      long senderVerifyKey) {
    requireU32(receiverVerifyKey, "receiverVerifyKey");
    requireU32(senderVerifyKey, "senderVerifyKey");
    if (frame.length > Framing.maxFrame(overlay)) {
      throw new IllegalArgumentException(
          "frame of "
              + frame.length
              + " bytes would make a datagram over "
              + overlay.maxDatagram()
              + " bytes");
    }
    byte[] plain = new byte[OVERHEAD - 3 + frame.length];
    UdpVerifyKey.putLe(plain, 0, MAGIC);
    plain[4] = 0; // padLen: iMule never pads UDP
    UdpVerifyKey.putLe(plain, 5, (int) receiverVerifyKey);
    UdpVerifyKey.putLe(plain, 9, (int) senderVerifyKey);
    System.arraycopy(frame, 0, plain, 13, frame.length);
    byte[] out = new byte[OVERHEAD + frame.length];
    out[0] = (byte) marker;
    out[1] = (byte) randomKeyPart;
    out[2] = (byte) (randomKeyPart >>> 8);
    rc4(rc4Key).processBytes(plain, 0, plain.length, out, 3);
    return out;
  }

  /**
   * A random marker byte with bit 0 clear (Kad) and bit 1 set iff the receiver-key mode is used,
   * redrawn while it collides with a plain protocol byte. After 128 collisions iMule falls back to
   * 0x01; we fall back to 0x00 / 0x02, which are not protocol bytes and keep the mode hint right.
   */
  static int drawMarker(boolean receiverKeyMode, RandomGenerator rnd) {
    return drawMarker(Overlay.IMULE_I2P, receiverKeyMode, rnd);
  }

  static int drawMarker(Overlay overlay, boolean receiverKeyMode, RandomGenerator rnd) {
    for (int i = 0; i < MARKER_TRIES; i++) {
      int marker = rnd.nextInt(0x100) & 0xFC | (receiverKeyMode ? 0x02 : 0x00);
      if (!overlay.isPlainProtocolByte(marker)) {
        return marker;
      }
    }
    return receiverKeyMode ? 0x02 : 0x00;
  }

  static byte[] nodeIdKey(KadId receiverId, int randomKeyPart) {
    byte[] material = new byte[18];
    System.arraycopy(receiverId.toWireBytes(), 0, material, 0, 16); // = StoreCryptValue
    material[16] = (byte) randomKeyPart;
    material[17] = (byte) (randomKeyPart >>> 8);
    return md5(material);
  }

  static byte[] receiverKey(long receiverVerifyKey, int randomKeyPart) {
    byte[] material = new byte[6];
    UdpVerifyKey.putLe(material, 0, (int) receiverVerifyKey);
    material[4] = (byte) randomKeyPart;
    material[5] = (byte) (randomKeyPart >>> 8);
    return md5(material);
  }

  private static byte[] md5(byte[] material) {
    MD5Digest md5 = new MD5Digest();
    md5.update(material, 0, material.length);
    byte[] d = new byte[16];
    md5.doFinal(d, 0);
    return d;
  }

  /** Plain RC4 from the first keystream byte: iMule's UDP keys skip no keystream. */
  private static RC4Engine rc4(byte[] key) {
    RC4Engine rc4 = new RC4Engine();
    rc4.init(true, new KeyParameter(key));
    return rc4;
  }

  private static void requireU32(long v, String name) {
    if (v < 0 || v > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(name + " is not an unsigned 32-bit value: " + v);
    }
  }
}
