package io.pekkomule.protocol.search;

import java.util.Objects;

/**
 * {@code 0x02 · u16 len · value · u8 tagName}: a string compared with one tag of the entry. Always
 * written in the receiver's form; iMule's own writer form ({@code u16 1} before the tag byte) is
 * accepted on read (spec §7.3 ⚠). Tag id 1 is not allowed: {@code 01 00} after the value would be
 * ambiguous between the two forms, and iMule defines no tag 1.
 */
public record MetaTerm(int tagName, String value) implements SearchExpr {
  /** The low byte of iMule's {@code u16 1} length prefix. */
  static final int AMBIGUOUS_TAG = 1;

  public MetaTerm {
    Objects.requireNonNull(value, "value");
    if (tagName < 0 || tagName > 255 || tagName == AMBIGUOUS_TAG) {
      throw new IllegalArgumentException("meta term tag must be one byte other than 1: " + tagName);
    }
    SearchExprCodec.checkU16Length(value);
  }

  @Override
  public int depth() {
    return 1;
  }
}
