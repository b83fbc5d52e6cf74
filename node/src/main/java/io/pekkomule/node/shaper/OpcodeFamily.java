package io.pekkomule.node.shaper;

import java.util.Locale;

/**
 * The rate-cap family of a Kad opcode, following iMule's inbound flood tracker
 * ({@code PacketTracking.cpp}, spec imule-wire.md §13): Kad1 requests fold into their Kad2
 * equivalents. SEARCH and PUBLISH each cover all three iMule opcodes (key/source/notes), so one
 * family cap bounds every iMule bucket whichever way a Kad1 opcode is folded.
 */
public enum OpcodeFamily {
  BOOTSTRAP(2),
  HELLO(3),
  REQ(30),
  SEARCH(30),
  PUBLISH(30),
  PING(2),
  /** Responses: iMule does not flood-track them; capped per peer by our own fixed limit. */
  REPLY(0),
  /** Anything else (opcodes iMule ignores); capped tightly. */
  OTHER(0);

  private final int imuleInboundPerMinute;

  OpcodeFamily(int imuleInboundPerMinute) {
    this.imuleInboundPerMinute = imuleInboundPerMinute;
  }

  /** iMule's inbound allowance per source and minute (per tracked opcode); 0 = not tracked. */
  public int imuleInboundPerMinute() {
    return imuleInboundPerMinute;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static final OpcodeFamily[] BY_OPCODE = new OpcodeFamily[256];

  static {
    java.util.Arrays.fill(BY_OPCODE, OTHER);
    // Kad2 requests
    BY_OPCODE[0x0D] = BOOTSTRAP;
    BY_OPCODE[0x0F] = HELLO;
    BY_OPCODE[0x11] = REQ;
    BY_OPCODE[0x14] = SEARCH;
    BY_OPCODE[0x15] = SEARCH;
    BY_OPCODE[0x16] = SEARCH;
    BY_OPCODE[0x18] = PUBLISH;
    BY_OPCODE[0x19] = PUBLISH;
    BY_OPCODE[0x1A] = PUBLISH;
    BY_OPCODE[0x1E] = PING;
    // Kad1 requests, folded as iMule does for flood tracking
    BY_OPCODE[0x01] = BOOTSTRAP;
    BY_OPCODE[0x03] = HELLO;
    BY_OPCODE[0x05] = REQ;
    BY_OPCODE[0x07] = SEARCH;
    BY_OPCODE[0x09] = SEARCH;
    BY_OPCODE[0x0A] = PUBLISH;
    BY_OPCODE[0x0C] = PUBLISH;
    // Responses (Kad1 and Kad2)
    for (int op : new int[] {0x02, 0x04, 0x06, 0x08, 0x0B, 0x0E, 0x10, 0x12, 0x13, 0x17, 0x1B, 0x1F}) {
      BY_OPCODE[op] = REPLY;
    }
  }

  /** The family of a one-byte opcode (0..255). */
  public static OpcodeFamily of(int opcode) {
    if (opcode < 0 || opcode > 0xFF) {
      throw new IllegalArgumentException("opcode out of range: " + opcode);
    }
    return BY_OPCODE[opcode];
  }

  /**
   * The opcode iMule's tracker counts this opcode under (Kad1 requests folded into Kad2), or -1 if
   * iMule does not flood-track it. Kad1 SEARCH_REQ/PUBLISH_REQ fold to the KEY variants.
   */
  public static int imuleTrackedOpcode(int opcode) {
    return switch (opcode) {
      case 0x01, 0x0D -> 0x0D;
      case 0x03, 0x0F -> 0x0F;
      case 0x05, 0x11 -> 0x11;
      case 0x07, 0x14 -> 0x14;
      case 0x15 -> 0x15;
      case 0x09, 0x16 -> 0x16;
      case 0x0A, 0x18 -> 0x18;
      case 0x19 -> 0x19;
      case 0x0C, 0x1A -> 0x1A;
      case 0x1E -> 0x1E;
      default -> -1;
    };
  }
}
