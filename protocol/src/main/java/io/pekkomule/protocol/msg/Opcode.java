package io.pekkomule.protocol.msg;

import java.util.Optional;

/**
 * Every opcode of iMule's Kad (spec §7.1), with whether iMule handles it and the payload size
 * bounds its layout allows (the payload is what follows the 2-byte header). {@link Messages} checks
 * these bounds before decoding anything.
 */
public enum Opcode {
  KADEMLIA_BOOTSTRAP_REQ_DEPRECATED(0x01, true, Sizes.C1, Sizes.C1),
  KADEMLIA_BOOTSTRAP_RES_DEPRECATED(0x02, true, 2, Sizes.ANY),
  KADEMLIA_HELLO_REQ_DEPRECATED(0x03, true, Sizes.C1, Sizes.C1),
  KADEMLIA_HELLO_RES_DEPRECATED(0x04, true, Sizes.C1, Sizes.C1),
  KADEMLIA_REQ_DEPRECATED(0x05, true, 49, 49),
  KADEMLIA_RES_DEPRECATED(0x06, true, 17, Sizes.ANY),
  KADEMLIA_SEARCH_REQ(0x07, true, 17, Sizes.ANY),
  KADEMLIA_SEARCH_RES(0x08, true, 18, Sizes.ANY),
  KADEMLIA_SEARCH_NOTES_REQ(0x09, true, 32, 32),
  KADEMLIA_PUBLISH_REQ(0x0A, true, 18, Sizes.ANY),
  KADEMLIA_PUBLISH_RES(0x0B, true, 17, 25),
  KADEMLIA_PUBLISH_NOTES_REQ_DEPRECATED(0x0C, true, 33, Sizes.ANY),
  KADEMLIA2_BOOTSTRAP_REQ(0x0D, true, 0, 0),
  KADEMLIA2_BOOTSTRAP_RES(0x0E, true, 16 + 1 + 387 + 2, Sizes.ANY),
  KADEMLIA2_HELLO_REQ(0x0F, true, Sizes.C2 + 1, Sizes.ANY),
  KADEMLIA2_HELLO_RES(0x10, true, Sizes.C2 + 1, Sizes.ANY),
  /** 49 bytes as iMule sends it; the receiver reads 33 and ignores the rest. */
  KADEMLIA2_REQ(0x11, true, 33, Sizes.ANY),
  /** iMule reads the first 17 bytes and ignores the rest. */
  KADEMLIA2_HELLO_RES_ACK(0x12, true, 17, Sizes.ANY),
  KADEMLIA2_RES(0x13, true, 17, Sizes.ANY),
  KADEMLIA2_SEARCH_KEY_REQ(0x14, true, 18, Sizes.ANY),
  KADEMLIA2_SEARCH_SOURCE_REQ(0x15, true, 26, 26),
  KADEMLIA2_SEARCH_NOTES_REQ(0x16, true, 24, 24),
  KADEMLIA2_SEARCH_RES(0x17, true, 34, Sizes.ANY),
  KADEMLIA2_PUBLISH_KEY_REQ(0x18, true, 18, Sizes.ANY),
  KADEMLIA2_PUBLISH_SOURCE_REQ(0x19, true, 33, Sizes.ANY),
  KADEMLIA2_PUBLISH_NOTES_REQ(0x1A, true, 33, Sizes.ANY),
  KADEMLIA2_PUBLISH_RES(0x1B, true, 17, 26),
  /** aMule layout (empty); iMule answers "unknown opcode". */
  KADEMLIA2_PUBLISH_RES_ACK(0x1C, false, 0, 0),
  /** aMule layout ({@code u16 tcpPort · UInt128 userHash · u8 connectOptions}); iMule: unknown. */
  KADEMLIA_FIREWALLED2_REQ(0x1D, false, 19, 19),
  KADEMLIA2_PING(0x1E, true, 0, 0),
  /** Empty in iMule (aMule adds a u16 port); iMule ignores any body, and so does this decoder. */
  KADEMLIA2_PONG(0x1F, true, 0, Sizes.ANY),
  /** aMule layout ({@code u8 errorCode · u16 incomingPort}); iMule's handler is commented out. */
  KADEMLIA2_FIREWALLUDP(0x20, false, 3, 3);

  private static final Opcode[] BY_CODE = new Opcode[256];

  static {
    for (Opcode op : values()) {
      BY_CODE[op.code] = op;
    }
  }

  private final int code;
  private final boolean handledByImule;
  private final int minPayload;
  private final int maxPayload;

  Opcode(int code, boolean handledByImule, int minPayload, int maxPayload) {
    this.code = code;
    this.handledByImule = handledByImule;
    this.minPayload = minPayload;
    this.maxPayload = maxPayload;
  }

  public int code() {
    return code;
  }

  /** Whether iMule's {@code ProcessPacket} dispatches it (otherwise: "unknown opcode", dropped). */
  public boolean handledByImule() {
    return handledByImule;
  }

  /** Kad1 ("deprecated") opcodes 0x01..0x0C, used by iMule towards version 0/1 contacts. */
  public boolean isKad1() {
    return code <= 0x0C;
  }

  /** Smallest payload the layout allows. */
  public int minPayload() {
    return minPayload;
  }

  /** Largest payload the layout allows; {@link Integer#MAX_VALUE} when only the Kad limit applies. */
  public int maxPayload() {
    return maxPayload;
  }

  public static Optional<Opcode> fromCode(int code) {
    return code >= 0 && code < 256 ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
  }

  private static final class Sizes {
    static final int ANY = Integer.MAX_VALUE;
    static final int C1 = 791;
    static final int C2 = 404;
  }
}
