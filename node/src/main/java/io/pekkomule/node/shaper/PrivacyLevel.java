package io.pekkomule.node.shaper;

import java.util.Locale;

/**
 * Seed 002's privacy levels. All of them delay, jitter, shuffle and cap (the behaviour contract
 * allows no level without those); higher levels widen the delay ranges and the shuffle buffer,
 * add cover traffic, and {@code MAXIMUM} adds constant-rate sending.
 */
public enum PrivacyLevel {
  STANDARD,
  ENHANCED,
  MAXIMUM;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PrivacyLevel parse(String s) {
    for (PrivacyLevel l : values()) {
      if (l.key().equals(s.trim().toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new IllegalArgumentException("must be one of standard, enhanced, maximum; got '" + s + "'");
  }
}
