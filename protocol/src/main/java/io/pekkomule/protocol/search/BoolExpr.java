package io.pekkomule.protocol.search;

import java.util.Objects;

/** {@code 0x00 · u8 boolOp · left · right}. */
public record BoolExpr(BoolOp op, SearchExpr left, SearchExpr right) implements SearchExpr {
  public BoolExpr {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
  }

  public static BoolExpr and(SearchExpr left, SearchExpr right) {
    return new BoolExpr(BoolOp.AND, left, right);
  }

  public static BoolExpr or(SearchExpr left, SearchExpr right) {
    return new BoolExpr(BoolOp.OR, left, right);
  }

  /** "left AND NOT right". */
  public static BoolExpr andNot(SearchExpr left, SearchExpr right) {
    return new BoolExpr(BoolOp.NOT, left, right);
  }

  @Override
  public int depth() {
    return 1 + Math.max(left.depth(), right.depth());
  }
}
