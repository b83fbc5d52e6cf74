package io.pekkomule.protocol.tag;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A string, written as raw UTF-8: STR1..STR16 (0x11..0x20, no length prefix) for 1..16 bytes,
 * otherwise STRING (0x02, {@code u16} length). Read back from either form.
 */
public record StringTag(int name, String value) implements Tag {
  public StringTag {
    Tag.checkName(name);
    Objects.requireNonNull(value, "value");
    if (utf8Length(value) > 0xFFFF) {
      throw new IllegalArgumentException("tag string longer than 65535 UTF-8 bytes");
    }
  }

  @Override
  public int wireType() {
    int n = utf8Length(value);
    return n >= 1 && n <= 16 ? TagType.STR1 + n - 1 : TagType.STRING;
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
