package io.pekkomule.protocol.search;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code 0x01 · u16 len · UTF-8}: words that must all occur in the file name. The receiver
 * lower-cases and tokenises it; the value is kept here exactly as sent.
 */
public record StringTerm(String value) implements SearchExpr {
  public StringTerm {
    Objects.requireNonNull(value, "value");
    SearchExprCodec.checkU16Length(value);
  }

  @Override
  public int depth() {
    return 1;
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
