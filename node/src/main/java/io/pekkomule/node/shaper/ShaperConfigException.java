package io.pekkomule.node.shaper;

/** A shaper setting outside its bounds; the message names the full config key. */
public final class ShaperConfigException extends RuntimeException {
  private final String key;

  public ShaperConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
