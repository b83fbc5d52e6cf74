package io.pekkomule.protocol.search;

import java.util.Objects;

/**
 * {@code 0x02 · u16 len · value · u8 tagName}: a string compared with one tag of the entry. Always
 * written in the receiver's form; iMule's own writer form ({@code u16 1} before the tag byte) is
 * accepted on read (spec §7.3 ⚠).
 */
public record MetaTerm(int tagName, String value) implements SearchExpr {
  public MetaTerm {
    Objects.requireNonNull(value, "value");
    if (tagName < 0 || tagName > 255) {
      throw new IllegalArgumentException("tag name must fit in one byte: " + tagName);
    }
    SearchExprCodec.checkU16Length(value);
  }

  @Override
  public int depth() {
    return 1;
  }
}
