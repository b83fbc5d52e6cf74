package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** An iMule tag list: {@code u8 count} followed by that many tags (spec §6). At most 255 tags. */
public record TagList(List<Tag> tags) {
  public static final int MAX_TAGS = 255;
  public static final TagList EMPTY = new TagList(List.of());

  public TagList {
    tags = List.copyOf(tags);
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException("a tag list holds at most 255 tags");
    }
  }

  public static TagList of(Tag... tags) {
    return new TagList(List.of(tags));
  }

  public int size() {
    return tags.size();
  }

  public boolean isEmpty() {
    return tags.isEmpty();
  }

  /** The first tag with this name id. */
  public Optional<Tag> first(int name) {
    return tags.stream().filter(t -> t.name() == name).findFirst();
  }

  /** The value of the first integer tag with this name id (unsigned 64-bit). */
  public OptionalLong intValue(int name) {
    for (Tag t : tags) {
      if (t instanceof IntTag i && i.name() == name) {
        return OptionalLong.of(i.value());
      }
    }
    return OptionalLong.empty();
  }

  /** The value of the first string tag with this name id. */
  public Optional<String> stringValue(int name) {
    for (Tag t : tags) {
      if (t instanceof StringTag s && s.name() == name) {
        return Optional.of(s.value());
      }
    }
    return Optional.empty();
  }

  /** The value of the first ADDRESS tag with this name id. */
  public Optional<I2pDestination> addressValue(int name) {
    for (Tag t : tags) {
      if (t instanceof AddressTag a && a.name() == name) {
        return Optional.of(a.dest());
      }
    }
    return Optional.empty();
  }

  public void writeTo(WireWriter w, TagWriter tagWriter) {
    tagWriter.writeList(w, this);
  }

  /** The encoded list in the given dialect. */
  public byte[] encode(TagWriter tagWriter) {
    WireWriter w = new WireWriter();
    writeTo(w, tagWriter);
    return w.toByteArray();
  }

  /**
   * Decodes a buffer holding exactly one tag list, trying the plain dialect first and the serial one
   * on failure.
   */
  public static Dialected<TagList> decode(byte[] encoded, int maxTags, Limits limits)
      throws DecodeException {
    return DialectDecoder.decode(encoded, limits, (r, tags) -> tags.readList(r, maxTags));
  }
}
