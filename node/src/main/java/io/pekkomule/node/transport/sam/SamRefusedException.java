package io.pekkomule.node.transport.sam;

/**
 * The router answered well-formed but refused: {@code RESULT} other than {@code OK} (for example
 * {@code I2P_ERROR}, {@code DUPLICATED_DEST}, {@code NOVERSION}) or a SAM version we do not speak.
 */
public final class SamRefusedException extends SamProtocolException {
  private static final long serialVersionUID = 1L;

  private final String result;

  public SamRefusedException(String result, String message) {
    super(message);
    this.result = result;
  }

  /** The router's {@code RESULT} value ({@code VERSION} for an unsupported version). */
  public String result() {
    return result;
  }
}
