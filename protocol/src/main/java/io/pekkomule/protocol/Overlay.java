package io.pekkomule.protocol;

import io.pekkomule.protocol.endpoint.AddressFamily;

/**
 * The Kad network a codec speaks. Both overlays share Kad2's ids, tag-list mechanics, framing with
 * zlib packing and the RC4/MD5 obfuscation core; they differ in header bytes, address form,
 * opcode numbering, tag type and name tables and a few payload shapes (see {@code
 * docs/overlays.md}). Every overlay-specific number lives here or in the overlay's codec.
 */
public enum Overlay {
  /** iMule's Kad over I2P: 387-byte destinations, header 0x05/0x06, opcodes 0x01..0x20. */
  IMULE_I2P(AddressFamily.I2P, 0x05, 0x06, 10_240, Limits.KAD_PAYLOAD_MAX, new int[] {0x04}),
  /**
   * aMule/eMule classic Kad2 over IPv4 UDP ("kad4"): 25-byte contacts, header 0xE4/0xE5, opcodes
   * 0x01..0x62 (aMule {@code include/protocol/kad2/Client2Client/UDP.h}).
   */
  AMULE_KAD4(
      AddressFamily.IPV4, 0xE4, 0xE5, Overlays.AMULE_MAX_DATAGRAM, Overlays.AMULE_MAX_PAYLOAD,
      new int[] {0xC5, 0xD4, 0xE3});

  private final AddressFamily family;
  private final int kadHeader;
  private final int kadPackedHeader;
  private final int maxDatagram;
  private final int maxKadPayload;
  private final int[] ed2kHeaders;

  Overlay(
      AddressFamily family,
      int kadHeader,
      int kadPackedHeader,
      int maxDatagram,
      int maxKadPayload,
      int[] ed2kHeaders) {
    this.family = family;
    this.kadHeader = kadHeader;
    this.kadPackedHeader = kadPackedHeader;
    this.maxDatagram = maxDatagram;
    this.maxKadPayload = maxKadPayload;
    this.ed2kHeaders = ed2kHeaders;
  }

  /** The only endpoint family this overlay carries. */
  public AddressFamily addressFamily() {
    return family;
  }

  /** {@code OP_KADEMLIAHEADER}: first byte of a plain Kad frame (0x05 / 0xE4). */
  public int kadHeader() {
    return kadHeader;
  }

  /** {@code OP_KADEMLIAPACKEDPROT}: first byte of a zlib-packed Kad frame (0x06 / 0xE5). */
  public int kadPackedHeader() {
    return kadPackedHeader;
  }

  /**
   * Largest datagram this node sends, obfuscation included: iMule's SAM limit (10 240), and for
   * kad4 a conservative 5 000 chosen here (not a measured aMule limit; aMule packs everything over
   * 200 bytes and splits long answers itself).
   */
  public int maxDatagram() {
    return maxDatagram;
  }

  /** Largest (uncompressed) Kad payload accepted, also the bound for inflating a packed frame. */
  public int maxKadPayload() {
    return maxKadPayload;
  }

  /** A first byte of ed2k traffic that shares the Kad socket (not ours to parse, not malformed). */
  public boolean isEd2kHeader(int b) {
    for (int h : ed2kHeaders) {
      if (h == (b & 0xFF)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A first byte the receiver never tries to de-obfuscate and passes through unchanged, and
   * which a sender's random marker must avoid. iMule: 0x03 0x04 0x05 0x06 0xA3 0xB2. aMule
   * ({@code CEncryptedDatagramSocket}): OP_EMULEPROT 0xC5, OP_KADEMLIAPACKEDPROT 0xE5,
   * OP_KADEMLIAHEADER 0xE4, OP_UDPRESERVEDPROT1 0xA3, OP_UDPRESERVEDPROT2 0xB2, OP_PACKEDPROT 0xD4.
   */
  public boolean isPlainProtocolByte(int b) {
    return switch (this) {
      case IMULE_I2P -> switch (b & 0xFF) {
        case 0x03, 0x04, 0x05, 0x06, 0xA3, 0xB2 -> true;
        default -> false;
      };
      case AMULE_KAD4 -> switch (b & 0xFF) {
        case 0xC5, 0xE5, 0xE4, 0xA3, 0xB2, 0xD4 -> true;
        default -> false;
      };
    };
  }

  /**
   * Decoder bounds for this overlay: {@link Limits#DEFAULT} for iMule; for kad4 the same with
   * aMule's own caps (up to 31 contacts per RES since the count is 5 bits, unpacked payloads up
   * to {@link #maxKadPayload()}).
   */
  public Limits defaultLimits() {
    return this == IMULE_I2P ? Limits.DEFAULT : Overlays.AMULE_LIMITS;
  }

  /** Constants that enum constructors cannot reference on the enum itself. */
  private static final class Overlays {
    static final int AMULE_MAX_DATAGRAM = 5_000;
    static final int AMULE_MAX_PAYLOAD = 0xFFFF;
    static final Limits AMULE_LIMITS =
        new Limits(0xFFFF, AMULE_MAX_PAYLOAD, 8, 32, 1024, Limits.EXPRESSION_DEPTH_MAX, 32, 12, 300, 150);
  }
}
