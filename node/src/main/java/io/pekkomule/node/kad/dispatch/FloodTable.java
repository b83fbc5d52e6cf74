package io.pekkomule.node.kad.dispatch;

import io.pekkomule.node.shaper.OpcodeFamily;
import io.pekkomule.protocol.endpoint.AddressKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * iMule's inbound flood protection ({@code PacketTracking.cpp}, spec §13) as a pure, clock-free
 * table: a leaky bucket per (sender destination hash, request opcode), Kad1 opcodes folded into
 * their Kad2 equivalents, draining one request per {@code 60 s / allowance}. A request that fills
 * the bucket above the allowance is dropped; above five times the allowance the sender is banned
 * for {@code banTime} and everything it sends is dropped.
 */
public final class FloodTable {
  /** What to do with one request. */
  public enum Verdict {
    ALLOWED,
    /** Above the allowance: drop silently. */
    LIMITED,
    /** Above five times the allowance, or already banned: drop, sender banned. */
    BANNED
  }

  /** iMule bans a sender whose bucket exceeds this multiple of the allowance. */
  public static final int BAN_FACTOR = 5;
  private static final class Bucket {
    double level;
    long last;
  }

  private final long banMillis;
  private final HashMap<Long, Bucket> buckets = new HashMap<>();
  private final HashMap<Integer, Long> bannedUntil = new HashMap<>();

  public FloodTable(Duration banTime) {
    this.banMillis = banTime.toMillis();
  }

  /**
   * iMule's allowance per minute for a request opcode (after folding), or 0 when iMule does not
   * flood-track it (responses, unknown opcodes).
   */
  public static int allowancePerMinute(int opcode) {
    return switch (OpcodeFamily.imuleTrackedOpcode(opcode)) {
      case 0x0D, 0x1E -> 2; // BOOTSTRAP_REQ, PING
      case 0x0F -> 3; // HELLO_REQ
      case 0x11, 0x14, 0x15, 0x16, 0x18, 0x19, 0x1A -> 30; // REQ, SEARCH_*, PUBLISH_*
      default -> 0;
    };
  }

  /**
   * Whether the sender's address is banned. Keyed by the endpoint's {@link AddressKey} (iMule: the
   * destination hash; kad4: the IPv4 address); one node carries one address family, so the key's
   * 32-bit value identifies the sender.
   */
  public boolean isBanned(AddressKey sender, long nowMillis) {
    return isBanned((int) sender.value(), nowMillis);
  }

  /** Counts one received request from {@code sender}'s address and says whether to process it. */
  public Verdict check(AddressKey sender, int opcode, long nowMillis) {
    return check((int) sender.value(), opcode, nowMillis);
  }

  public boolean isBanned(int senderHash, long nowMillis) {
    Long until = bannedUntil.get(senderHash);
    return until != null && until > nowMillis;
  }

  /** Counts one received request and says whether to process it. */
  public Verdict check(int senderHash, int opcode, long nowMillis) {
    if (isBanned(senderHash, nowMillis)) {
      return Verdict.BANNED;
    }
    int allowed = allowancePerMinute(opcode);
    if (allowed == 0) {
      return Verdict.ALLOWED;
    }
    long key = ((long) senderHash << 8) | OpcodeFamily.imuleTrackedOpcode(opcode);
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
    double interval = 60_000.0 / allowed;
    if (b.level > 0) {
      b.level = Math.max(0, b.level - (nowMillis - b.last) / interval);
    }
    b.last = nowMillis;
    b.level += 1;
    if (b.level > BAN_FACTOR * allowed) {
      bannedUntil.put(senderHash, nowMillis + banMillis);
      return Verdict.BANNED;
    }
    return b.level > allowed ? Verdict.LIMITED : Verdict.ALLOWED;
  }

  /**
   * Forgets drained buckets and expired bans. iMule cleans every 12 min; a drained bucket is
   * equivalent to none, so sweeping more often only bounds memory sooner.
   */
  public void sweep(long nowMillis) {
    for (Iterator<Map.Entry<Long, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Bucket> e = it.next();
      int allowed = allowancePerMinute((int) (e.getKey() & 0xFF));
      double interval = 60_000.0 / Math.max(1, allowed);
      if (e.getValue().level - (nowMillis - e.getValue().last) / interval <= 0) {
        it.remove();
      }
    }
    bannedUntil.values().removeIf(until -> until <= nowMillis);
  }

  /** Tracked buckets (for tests and memory checks). */
  public int size() {
    return buckets.size();
  }
}
