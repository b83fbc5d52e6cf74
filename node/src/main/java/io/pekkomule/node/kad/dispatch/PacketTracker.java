package io.pekkomule.node.kad.dispatch;

import io.pekkomule.protocol.endpoint.AddressKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * iMule's outbound packet tracking ({@code PacketTracking.cpp}, spec §8) as a pure table: every
 * request we send is remembered by (destination hash, opcode) for 180 s, and a response is
 * accepted only if it consumes one such entry. Everything else is unsolicited.
 */
public final class PacketTracker {
  /** How long a sent request makes its response acceptable. */
  public static final long VALIDITY_MILLIS = 180_000;

  private final HashMap<Long, ArrayDeque<Long>> sent = new HashMap<>();

  /** Whether sending this opcode opens a window for a response. */
  public static boolean isTrackedRequest(int opcode) {
    return switch (opcode) {
      case 0x01, 0x03, 0x05, 0x09, 0x0A, 0x0C, // Kad1 BOOTSTRAP, HELLO, REQ, SEARCH_NOTES, PUBLISH*
          0x0D, 0x0F, 0x10, 0x11, 0x18, 0x19, 0x1A, 0x1E -> true;
      default -> false;
    };
  }

  /** The request opcodes a response answers, or none when iMule does not track it. */
  static int[] requestsFor(int responseOpcode) {
    return switch (responseOpcode) {
      case 0x02 -> new int[] {0x01};
      case 0x04 -> new int[] {0x03};
      case 0x06 -> new int[] {0x05};
      case 0x0B -> new int[] {0x0A, 0x0C};
      case 0x0E -> new int[] {0x0D};
      case 0x10 -> new int[] {0x0F};
      case 0x12 -> new int[] {0x10};
      case 0x13 -> new int[] {0x11};
      case 0x1B -> new int[] {0x18, 0x19, 0x1A};
      case 0x1F -> new int[] {0x1E};
      default -> new int[0];
    };
  }

  /** Whether a response with this opcode must match a tracked request. */
  public static boolean isTrackedResponse(int opcode) {
    return requestsFor(opcode).length > 0;
  }

  private static long key(int destHash, int opcode) {
    return ((long) destHash << 8) | opcode;
  }

  /**
   * Records a tracked request to {@code dest}'s address ({@link AddressKey}: iMule's destination
   * hash, kad4's IPv4 address; one node carries one family, so the 32-bit value is the key).
   */
  public void sent(AddressKey dest, int opcode, long nowMillis) {
    sent((int) dest.value(), opcode, nowMillis);
  }

  /** Consumes one live entry a response from {@code sender}'s address answers. */
  public boolean consume(AddressKey sender, int responseOpcode, long nowMillis) {
    return consume((int) sender.value(), responseOpcode, nowMillis);
  }

  public void sent(int destHash, int opcode, long nowMillis) {
    sent.computeIfAbsent(key(destHash, opcode), k -> new ArrayDeque<>(2)).addLast(nowMillis);
  }

  /** Consumes one live entry the response answers; false when there is none (unsolicited). */
  public boolean consume(int senderHash, int responseOpcode, long nowMillis) {
    for (int req : requestsFor(responseOpcode)) {
      ArrayDeque<Long> q = sent.get(key(senderHash, req));
      if (q == null) {
        continue;
      }
      while (!q.isEmpty() && q.peekFirst() + VALIDITY_MILLIS <= nowMillis) {
        q.pollFirst();
      }
      if (!q.isEmpty()) {
        q.pollFirst();
        if (q.isEmpty()) {
          sent.remove(key(senderHash, req));
        }
        return true;
      }
      sent.remove(key(senderHash, req));
    }
    return false;
  }

  /** Forgets expired entries. */
  public void sweep(long nowMillis) {
    for (Iterator<Map.Entry<Long, ArrayDeque<Long>>> it = sent.entrySet().iterator();
        it.hasNext(); ) {
      ArrayDeque<Long> q = it.next().getValue();
      while (!q.isEmpty() && q.peekFirst() + VALIDITY_MILLIS <= nowMillis) {
        q.pollFirst();
      }
      if (q.isEmpty()) {
        it.remove();
      }
    }
  }

  /** Tracked (destination, opcode) pairs. */
  public int size() {
    return sent.size();
  }
}
