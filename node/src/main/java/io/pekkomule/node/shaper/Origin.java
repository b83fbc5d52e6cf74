package io.pekkomule.node.shaper;

import java.util.Locale;

/**
 * Which subsystem produced an intent. Only a metric tag: the shaper treats intents by urgency
 * class alone, so the origin can never buy a different delay, cap or order.
 */
public enum Origin {
  LOOKUP,
  PUBLISH,
  ROUTING,
  REPLY,
  MAINTENANCE,
  COVER,
  OTHER;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
