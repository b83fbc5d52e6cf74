package io.pekkomule.protocol.wire;

/**
 * The single typed failure of every decoder in {@code protocol}: malformed, truncated or over-limit
 * input. Carries a machine-readable {@link Reason} (for metrics) and the byte offset where decoding
 * stopped (for operators inspecting files). Never carries attacker-controlled text.
 */
public final class DecodeException extends Exception {

  /** Why decoding failed; used as a metric label, so keep the set small and stable. */
  public enum Reason {
    TRUNCATED,
    TRAILING_BYTES,
    OVER_LIMIT,
    BAD_VALUE,
    BAD_HEADER,
    BAD_TAG,
    BAD_EXPRESSION,
    INFLATE_FAILED,
    UNSUPPORTED,
    /** An ed2k UDP datagram (protocol byte 0x04) on the Kad socket: not malformed, just not Kad. */
    ED2K_UDP
  }

  private final Reason reason;
  private final int offset;

  public DecodeException(Reason reason, int offset, String message) {
    super(message + " at offset " + offset, null, false, false);
    this.reason = reason;
    this.offset = offset;
  }

  public Reason reason() {
    return reason;
  }

  /** Byte offset (relative to the start of the decoded buffer) where the problem was found. */
  public int offset() {
    return offset;
  }
}
