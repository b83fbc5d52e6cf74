package io.pekkomule.protocol.search;

/** Boolean operators of a {@link BoolExpr}, with their wire codes. */
public enum BoolOp {
  AND(0),
  OR(1),
  /** "left AND NOT right". */
  NOT(2);

  private final int code;

  BoolOp(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The operator for a wire code, or {@code null} when iMule does not define it. */
  static BoolOp fromCode(int code) {
    for (BoolOp op : values()) {
      if (op.code == code) {
        return op;
      }
    }
    return null;
  }
}
