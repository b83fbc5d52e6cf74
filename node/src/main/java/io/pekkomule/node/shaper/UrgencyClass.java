package io.pekkomule.node.shaper;

import java.util.Locale;

/** How soon an intent's peer expects it; selects the delay range, never a fast path. */
public enum UrgencyClass {
  /** Lookup replies and essential acknowledgements. */
  INTERACTIVE,
  /** Bucket refresh, keepalive, maintenance. */
  ROUTINE,
  /** Cover lookups and extra relays. */
  OPPORTUNISTIC;

  /** The lower-case name used in config keys and metric tags. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
