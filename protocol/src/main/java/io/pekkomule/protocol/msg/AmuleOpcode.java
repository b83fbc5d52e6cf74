package io.pekkomule.protocol.msg;

import java.util.Optional;

/**
 * The kad4 (aMule/eMule classic Kad2) opcodes this codec defines, with the payload bounds aMule's
 * handlers check ({@code CHECK_PACKET_*_SIZE}) or its layouts imply. Numbers verified against
 * aMule's {@code include/protocol/kad2/Client2Client/UDP.h} and {@code
 * include/protocol/kad/Client2Client/UDP.h}; layouts against {@code KademliaUDPListener.cpp}. Kad1
 * opcodes aMule 2.3.3 ignores (0x00, 0x08, 0x10, … 0x4A) and the buddy/callback ones (0x51, 0x52,
 * 0x5A) are not defined here and decode to {@link Unknown}.
 */
public enum AmuleOpcode {
  /** Empty as sent; aMule ignores any body, and so does this decoder. */
  KADEMLIA2_BOOTSTRAP_REQ(0x01, 0, Sizes.ANY),
  /** {@code UInt128 id · u16 tcpPort · u8 version · u16 n · n × 25-byte contact}. */
  KADEMLIA2_BOOTSTRAP_RES(0x09, 16 + 2 + 1 + 2, Sizes.ANY),
  /** {@code UInt128 id · u16 tcpPort · u8 version · TagList}. */
  KADEMLIA2_HELLO_REQ(0x11, 16 + 2 + 1 + 1, Sizes.ANY),
  KADEMLIA2_HELLO_RES(0x19, 16 + 2 + 1 + 1, Sizes.ANY),
  /** {@code u8 type · UInt128 target · UInt128 receiverId}: 33 bytes; aMule ignores the rest. */
  KADEMLIA2_REQ(0x21, 33, Sizes.ANY),
  /** {@code UInt128 id · u8 tagCount}; aMule checks ≥ 17 and reads only the id. */
  KADEMLIA2_HELLO_RES_ACK(0x22, 17, Sizes.ANY),
  /** {@code UInt128 target · u8 n · n × 25-byte contact}, exactly. */
  KADEMLIA2_RES(0x29, 17, Sizes.ANY),
  KADEMLIA2_SEARCH_KEY_REQ(0x33, 18, Sizes.ANY),
  KADEMLIA2_SEARCH_SOURCE_REQ(0x34, 26, 26),
  KADEMLIA2_SEARCH_NOTES_REQ(0x35, 24, 24),
  KADEMLIA2_SEARCH_RES(0x3B, 34, Sizes.ANY),
  KADEMLIA2_PUBLISH_KEY_REQ(0x43, 18, Sizes.ANY),
  KADEMLIA2_PUBLISH_SOURCE_REQ(0x44, 33, Sizes.ANY),
  KADEMLIA2_PUBLISH_NOTES_REQ(0x45, 33, Sizes.ANY),
  /** {@code UInt128 key · u8 load [· u8 options]}: aMule has no source-count shape. */
  KADEMLIA2_PUBLISH_RES(0x4B, 17, 18),
  KADEMLIA2_PUBLISH_RES_ACK(0x4C, 0, 0),
  /** Kad1-era, still handled by aMule: {@code u16 tcpPort}. */
  KADEMLIA_FIREWALLED_REQ(0x50, 2, 2),
  /** {@code u16 tcpPort · UInt128 userHash · u8 connectOptions}; aMule checks ≥ 19. */
  KADEMLIA_FIREWALLED2_REQ(0x53, 19, Sizes.ANY),
  /** {@code u32 ip}: the requester's address as the responder saw it. */
  KADEMLIA_FIREWALLED_RES(0x58, 4, 4),
  /** Empty. */
  KADEMLIA_FIREWALLED_ACK_RES(0x59, 0, 0),
  /** Empty as sent; aMule ignores any body, and so does this decoder. */
  KADEMLIA2_PING(0x60, 0, Sizes.ANY),
  /** {@code u16 port}: the UDP port the responder saw the PING come from; aMule checks ≥ 2. */
  KADEMLIA2_PONG(0x61, 2, Sizes.ANY),
  /** {@code u8 errorCode · u16 incomingPort}; aMule checks ≥ 3. */
  KADEMLIA2_FIREWALLUDP(0x62, 3, Sizes.ANY);

  private static final AmuleOpcode[] BY_CODE = new AmuleOpcode[256];

  static {
    for (AmuleOpcode op : values()) {
      BY_CODE[op.code] = op;
    }
  }

  private final int code;
  private final int minPayload;
  private final int maxPayload;

  AmuleOpcode(int code, int minPayload, int maxPayload) {
    this.code = code;
    this.minPayload = minPayload;
    this.maxPayload = maxPayload;
  }

  public int code() {
    return code;
  }

  public int minPayload() {
    return minPayload;
  }

  /** {@link Integer#MAX_VALUE} when only the overlay's payload limit applies. */
  public int maxPayload() {
    return maxPayload;
  }

  public static Optional<AmuleOpcode> fromCode(int code) {
    return code >= 0 && code < 256 ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
  }

  private static final class Sizes {
    static final int ANY = Integer.MAX_VALUE;
  }
}
