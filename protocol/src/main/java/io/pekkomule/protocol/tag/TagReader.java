package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads tags in one {@link TagDialect}, accepting exactly what iMule's {@code CTag} reader accepts
 * (spec §6) and failing with a {@link DecodeException} where iMule would drop the packet. Counts
 * the tags it touched so that {@link DialectDecoder} can tell whether retrying in the other dialect
 * could help.
 */
public final class TagReader {
  /** Smallest possible tag: type, name, one value byte (an UINT8 or a BOOL). */
  private static final int MIN_TAG_BYTES = 3;

  private final TagDialect dialect;
  private final Limits limits;
  private int attempted;
  private int read;

  public TagReader(TagDialect dialect, Limits limits) {
    this.dialect = Objects.requireNonNull(dialect);
    this.limits = Objects.requireNonNull(limits);
  }

  public TagDialect dialect() {
    return dialect;
  }

  public Limits limits() {
    return limits;
  }

  /** Tags whose header this reader started to parse. */
  public int tagsAttempted() {
    return attempted;
  }

  /** Tags this reader parsed completely (nested ones not counted). */
  public int tagsRead() {
    return read;
  }

  /** {@code u8 count} and that many tags; more than {@code maxTags} is {@code OVER_LIMIT}. */
  public TagList readList(WireReader r, int maxTags) throws DecodeException {
    int at = r.position();
    int count = r.u8();
    if (count > maxTags) {
      throw new DecodeException(Reason.OVER_LIMIT, at, count + " tags, limit " + maxTags);
    }
    int minBytes = count * minTagBytes();
    if (r.remaining() < minBytes) {
      throw new DecodeException(
          Reason.TRUNCATED, at, count + " tags need at least " + minBytes + " bytes");
    }
    List<Tag> tags = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tags.add(readTag(r));
    }
    return new TagList(tags);
  }

  /** One complete tag. */
  public Tag readTag(WireReader r) throws DecodeException {
    Tag t = readTag(r, false);
    read++;
    return t;
  }

  private int minTagBytes() {
    return dialect == TagDialect.SERIAL ? MIN_TAG_BYTES + 4 : MIN_TAG_BYTES;
  }

  private Tag readTag(WireReader r, boolean nestedInt) throws DecodeException {
    attempted++;
    int at = r.position();
    int typeByte = r.u8();
    int type;
    int name;
    if ((typeByte & TagType.NAME_ID_FLAG) != 0) {
      type = typeByte & 0x7F;
      name = r.u8();
    } else {
      // Old string-name form. iMule takes the byte after a length of 1 as the id and uses id 0 for
      // an empty name; for any other length it does not skip the name and parses garbage.
      type = typeByte;
      int nameLen = r.u16();
      if (nameLen == 1) {
        name = r.u8();
      } else if (nameLen == 0) {
        name = 0;
      } else {
        throw new DecodeException(Reason.BAD_TAG, at, "string tag name of length " + nameLen);
      }
    }
    if (dialect == TagDialect.SERIAL) {
      r.skip(4);
    }
    if (nestedInt && !TagType.isInt(type)) {
      throw new DecodeException(
          Reason.BAD_TAG, at, String.format("UINT64UINT64 holds a non-integer tag 0x%02X", type));
    }
    switch (type) {
      case TagType.HASH16:
        return new HashTag(name, r.byteString(16));
      case TagType.STRING:
        return new StringTag(name, text(r, boundedLength(r, r.u16())));
      case TagType.UINT32:
        return new IntTag(name, r.u32());
      case TagType.UINT16:
        return new IntTag(name, r.u16());
      case TagType.UINT8:
        return new IntTag(name, r.u8());
      case TagType.UINT64:
        return new IntTag(name, r.u64());
      case TagType.FLOAT32:
        return new FloatTag(name, r.i32());
      case TagType.BOOL:
        return new BoolTag(name, r.u8());
      case TagType.BOOLARRAY:
        {
          int bits = r.u16();
          return new BoolArrayTag(
              name, bits, r.byteString(boundedLength(r, BoolArrayTag.byteCount(bits))));
        }
      case TagType.BLOB:
        {
          long len = r.u32();
          return new BlobTag(name, r.byteString(boundedLength(r, len)));
        }
      case TagType.ADDRESS:
        return new AddressTag(name, I2pDestination.read(r));
      case TagType.UINT64UINT64:
        {
          long first = ((IntTag) readTag(r, true)).value();
          long last = ((IntTag) readTag(r, true)).value();
          return new UInt64PairTag(name, first, last);
        }
      default:
        if (TagType.isShortString(type)) {
          return new StringTag(name, text(r, type - TagType.STR1 + 1));
        }
        // BSOB (0x0A), aMule's UINT64 (0x0B), STR17..22 and anything else: iMule throws.
        throw new DecodeException(Reason.BAD_TAG, at, String.format("unreadable tag type 0x%02X", type));
    }
  }

  /** Checks a length field against the value limit and the bytes left, before any allocation. */
  private int boundedLength(WireReader r, long len) throws DecodeException {
    if (len > limits.maxTagValueBytes()) {
      throw new DecodeException(
          Reason.OVER_LIMIT, r.position(), "tag value of " + len + " bytes, limit " + limits.maxTagValueBytes());
    }
    r.require((int) len);
    return (int) len;
  }

  /**
   * A string of {@code n} bytes the way iMule's {@code ReadOnlyString} reads it: a UTF-8 BOM is
   * dropped (only when more than 3 bytes), then UTF-8 with a Latin-1 fallback.
   */
  public static String text(WireReader r, int n) throws DecodeException {
    r.require(n);
    if (n > 3) {
      int mark = r.mark();
      if (r.u8() == 0xEF && r.u8() == 0xBB && r.u8() == 0xBF) {
        return r.string(n - 3);
      }
      r.reset(mark);
    }
    return r.string(n);
  }
}
