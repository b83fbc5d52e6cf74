package io.pekkomule.protocol.search;

/** Comparison operators of a {@link NumericTerm} ({@code tag value OP operand}), with wire codes. */
public enum NumericOp {
  EQUAL(0),
  GREATER(1),
  LESS(2),
  GREATER_EQUAL(3),
  LESS_EQUAL(4),
  NOT_EQUAL(5);

  private final int code;

  NumericOp(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  static NumericOp fromCode(int code) {
    for (NumericOp op : values()) {
      if (op.code == code) {
        return op;
      }
    }
    return null;
  }
}
