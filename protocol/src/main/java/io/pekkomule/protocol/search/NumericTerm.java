package io.pekkomule.protocol.search;

import java.util.Objects;

/**
 * {@code 0x03 · u8 op · one full integer tag}: the tag's name is the compared tag, its value the
 * operand (iMule's form; aMule's differs). The tag is written like any other, so it carries a serial
 * in the serial dialect.
 *
 * @param value unsigned 64-bit operand
 */
public record NumericTerm(NumericOp op, int tagName, long value) implements SearchExpr {
  public NumericTerm {
    Objects.requireNonNull(op, "op");
    if (tagName < 0 || tagName > 255) {
      throw new IllegalArgumentException("tag name must fit in one byte: " + tagName);
    }
  }

  @Override
  public int depth() {
    return 1;
  }
}
