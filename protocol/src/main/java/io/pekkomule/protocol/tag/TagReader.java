package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.Overlay;
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
 *
 * <p>{@link #forOverlay(Overlay, Limits)} with {@link Overlay#AMULE_KAD4} reads aMule's kad4 form
 * instead, accepting exactly what aMule's {@code CFileDataIO::ReadTag} accepts: {@code u8 type ·
 * u16 nameLength · name · value} with types HASH16, STRING, UINT8/16/32, UINT64 (0x0B), FLOAT32
 * and BSOB. A name of one byte is the tag's name id. aMule also accepts longer string names
 * (eMule-family vendor tags such as "ip6"); this model has no place for them, so {@link
 * #readList} skips such tags (their value is still bounded and consumed).
 */
public final class TagReader {
  /** Smallest possible tag: type, name, one value byte (an UINT8 or a BOOL). */
  private static final int MIN_TAG_BYTES = 3;

  /** Smallest possible aMule tag: type, empty u16-length name, one value byte. */
  private static final int MIN_AMULE_TAG_BYTES = 4;

  private final TagDialect dialect;
  private final Limits limits;
  private final Overlay overlay;
  private int attempted;
  private int read;

  /** An iMule reader. */
  public TagReader(TagDialect dialect, Limits limits) {
    this(dialect, limits, Overlay.IMULE_I2P);
  }

  private TagReader(TagDialect dialect, Limits limits, Overlay overlay) {
    this.dialect = Objects.requireNonNull(dialect);
    this.limits = Objects.requireNonNull(limits);
    this.overlay = Objects.requireNonNull(overlay);
  }

  /** A reader of the overlay's tag form; iMule's in the plain dialect. */
  public static TagReader forOverlay(Overlay overlay, Limits limits) {
    return new TagReader(TagDialect.PLAIN, limits, overlay);
  }

  /** Whose tag form this reader parses. */
  public Overlay overlay() {
    return overlay;
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
      if (overlay == Overlay.AMULE_KAD4) {
        Tag t = readAmuleTag(r);
        read++;
        if (t != null) {
          tags.add(t);
        }
      } else {
        tags.add(readTag(r));
      }
    }
    return new TagList(tags);
  }

  /** One complete tag; a kad4 tag whose name is not one byte is {@code BAD_TAG} here. */
  public Tag readTag(WireReader r) throws DecodeException {
    int at = r.position();
    Tag t = overlay == Overlay.AMULE_KAD4 ? readAmuleTag(r) : readTag(r, false);
    if (t == null) {
      throw new DecodeException(Reason.BAD_TAG, at, "tag with a multi-byte string name");
    }
    read++;
    return t;
  }

  private int minTagBytes() {
    if (overlay == Overlay.AMULE_KAD4) {
      return MIN_AMULE_TAG_BYTES;
    }
    return dialect == TagDialect.SERIAL ? MIN_TAG_BYTES + 4 : MIN_TAG_BYTES;
  }

  /** aMule's {@code ReadTag}; null for a well-formed tag whose name is not a single byte. */
  private Tag readAmuleTag(WireReader r) throws DecodeException {
    attempted++;
    int at = r.position();
    int type = r.u8();
    if (!isAmuleType(type)) {
      // aMule: "Invalid Kad tag type", the packet is dropped (it reads the name first, which can
      // only fail differently). This includes every type with the 0x80 flag (aMule has no 1-byte
      // name form) and iMule's 0x27/0x28/0x29.
      throw new DecodeException(Reason.BAD_TAG, at, String.format("unreadable kad4 tag type 0x%02X", type));
    }
    int nameLen = boundedLength(r, r.u16());
    int name = nameLen == 1 ? r.u8() : -1;
    if (nameLen != 1) {
      r.skip(nameLen);
    }
    Tag t;
    switch (type) {
      case TagType.HASH16:
        t = name < 0 ? skip(r, 16) : new HashTag(name, r.byteString(16));
        break;
      case TagType.STRING:
        {
          int len = boundedLength(r, r.u16());
          t = name < 0 ? skip(r, len) : new StringTag(name, text(r, len));
          break;
        }
      case TagType.AMULE_UINT64:
        t = name < 0 ? skip(r, 8) : new IntTag(name, r.u64());
        break;
      case TagType.UINT32:
        t = name < 0 ? skip(r, 4) : new IntTag(name, r.u32());
        break;
      case TagType.UINT16:
        t = name < 0 ? skip(r, 2) : new IntTag(name, r.u16());
        break;
      case TagType.UINT8:
        t = name < 0 ? skip(r, 1) : new IntTag(name, r.u8());
        break;
      case TagType.FLOAT32:
        t = name < 0 ? skip(r, 4) : new FloatTag(name, r.i32());
        break;
      case TagType.AMULE_BSOB:
        {
          int len = r.u8();
          t = name < 0 ? skip(r, len) : new BsobTag(name, r.byteString(len));
          break;
        }
      default:
        throw new IllegalStateException("type checked above: " + type);
    }
    return t;
  }

  private static boolean isAmuleType(int type) {
    return switch (type) {
      case TagType.HASH16, TagType.STRING, TagType.AMULE_UINT64, TagType.UINT32, TagType.UINT16,
          TagType.UINT8, TagType.FLOAT32, TagType.AMULE_BSOB -> true;
      default -> false;
    };
  }

  private static Tag skip(WireReader r, int n) throws DecodeException {
    r.skip(n);
    return null;
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
