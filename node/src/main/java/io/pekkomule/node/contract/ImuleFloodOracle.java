package io.pekkomule.node.contract;

import io.pekkomule.node.shaper.OpcodeFamily;
import java.util.HashMap;
import java.util.Map;

/**
 * iMule's inbound flood tracker ({@code CPacketTracking::InTrackListIsAllowedPacket}, spec
 * imule-wire.md §13) replayed as a test oracle: per (source hash, tracked opcode) a counter that
 * drops by one per 60/allowed seconds since its first-added time; above {@code allowed} the
 * packet is dropped, above 5 x allowed the source is banned. iMule's limits, not ours.
 */
public final class ImuleFloodOracle {
  private static final class Track {
    long firstAdded;
    long count;
  }

  private final Map<Long, Track> tracks = new HashMap<>();
  private long drops;
  private long bans;
  private long accepted;

  /** iMule's per-minute allowance for a tracked (folded) opcode. */
  static int allowedPerMinute(int trackedOpcode) {
    return switch (trackedOpcode) {
      case 0x0D -> 2; // BOOTSTRAP_REQ
      case 0x0F -> 3; // HELLO_REQ
      case 0x11, 0x14, 0x15, 0x16, 0x18, 0x19, 0x1A -> 30; // REQ, SEARCH_*, PUBLISH_*
      case 0x1E -> 2; // PING
      default -> 0;
    };
  }

  /** Feeds one packet as it arrives at iMule (times must be non-decreasing). */
  public void arrive(int sourceHash, int opcode, long atMillis) {
    int tracked = OpcodeFamily.imuleTrackedOpcode(opcode);
    if (tracked < 0) {
      accepted++;
      return;
    }
    int allowed = allowedPerMinute(tracked);
    long per = 60_000L / allowed;
    long key = ((long) sourceHash << 8) | tracked;
    Track t = tracks.get(key);
    if (t == null) {
      t = new Track();
      t.firstAdded = atMillis;
      t.count = 1;
      tracks.put(key, t);
      accepted++;
      return;
    }
    if (t.count > 0 && atMillis - t.firstAdded > per) {
      long remove = (atMillis - t.firstAdded) / per;
      if (remove > t.count) {
        t.count = 0;
        t.firstAdded = atMillis;
      } else {
        t.count -= remove;
        t.firstAdded += per * remove;
      }
    }
    t.count++;
    if (t.count > 5L * allowed) {
      bans++;
    } else if (t.count > allowed) {
      drops++;
    } else {
      accepted++;
    }
  }

  public long drops() {
    return drops;
  }

  public long bans() {
    return bans;
  }

  public long accepted() {
    return accepted;
  }
}
