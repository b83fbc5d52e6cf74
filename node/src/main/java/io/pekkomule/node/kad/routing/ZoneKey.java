package io.pekkomule.node.kad.routing;

/**
 * A leaf zone's place in iMule's routing tree: its depth and the first {@code level} bits of
 * (own id XOR contact id) shared by its contacts. Names one bucket (and its actor).
 */
public record ZoneKey(int level, long index) {
  public ZoneKey {
    if (level < 0 || level > KadConstants.MAX_LEVEL) {
      throw new IllegalArgumentException("level " + level);
    }
  }

  /** A stable actor-name fragment, e.g. {@code 4-13}. */
  public String name() {
    return level + "-" + index;
  }
}
