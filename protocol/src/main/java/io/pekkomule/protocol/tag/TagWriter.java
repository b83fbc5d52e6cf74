package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Writes tags in one {@link TagDialect}. Names are always written as 1-byte ids with the 0x80 flag
 * set, the only form every iMule build reads correctly (spec §6).
 *
 * <p>{@link #AMULE} writes aMule's kad4 form instead ({@code CFileDataIO::WriteTag}): {@code u8
 * type · u16 1 · u8 name · value}, with aMule's type table (UINT64 = 0x0B, strings always STRING
 * 0x02, BSOB 0x0A); aMule's reader knows neither the 0x80 name flag nor STR1..STR16, BOOL, BLOB
 * or iMule's ADDRESS / UINT64UINT64, so those are refused here.
 */
public final class TagWriter {
  /** iMule keeps one process-wide running counter ({@code static ntag} in {@code Tag.cpp}). */
  private static final AtomicInteger GLOBAL_SERIAL = new AtomicInteger();

  /** The dialect without serials: what this node sends unless a peer showed the serial form. */
  public static final TagWriter PLAIN = new TagWriter(TagDialect.PLAIN, null, Overlay.IMULE_I2P);

  /** aMule's kad4 tag form (no serials exist there, so its dialect is {@link TagDialect#PLAIN}). */
  public static final TagWriter AMULE = new TagWriter(TagDialect.PLAIN, null, Overlay.AMULE_KAD4);

  private final TagDialect dialect;
  private final IntSupplier serials;
  private final Overlay overlay;

  private TagWriter(TagDialect dialect, IntSupplier serials, Overlay overlay) {
    this.dialect = dialect;
    this.serials = serials;
    this.overlay = overlay;
  }

  /** The overlay's default writer: {@link #PLAIN} for iMule, {@link #AMULE} for kad4. */
  public static TagWriter forOverlay(Overlay overlay) {
    return overlay == Overlay.AMULE_KAD4 ? AMULE : PLAIN;
  }

  /** Whose tag form this writer produces. */
  public Overlay overlay() {
    return overlay;
  }

  /** Serial dialect, numbered from one process-wide counter like iMule's. */
  public static TagWriter serial() {
    return new TagWriter(TagDialect.SERIAL, GLOBAL_SERIAL::incrementAndGet, Overlay.IMULE_I2P);
  }

  /** Serial dialect with caller-chosen serial numbers (tests, deterministic output). */
  public static TagWriter serial(IntSupplier serials) {
    return new TagWriter(TagDialect.SERIAL, Objects.requireNonNull(serials), Overlay.IMULE_I2P);
  }

  /** {@link #PLAIN} or {@link #serial()}. */
  public static TagWriter of(TagDialect dialect) {
    return dialect == TagDialect.PLAIN ? PLAIN : serial();
  }

  public TagDialect dialect() {
    return dialect;
  }

  public void writeList(WireWriter w, TagList list) {
    w.u8(list.size());
    for (Tag t : list.tags()) {
      write(w, t);
    }
  }

  public void write(WireWriter w, Tag tag) {
    if (overlay == Overlay.AMULE_KAD4) {
      writeAmule(w, tag);
      return;
    }
    if (tag instanceof BsobTag) {
      throw new IllegalArgumentException("iMule cannot read BSOB tags (it drops the packet)");
    }
    header(w, tag.wireType(), tag.name());
    if (tag instanceof HashTag h) {
      h.hash().writeTo(w);
    } else if (tag instanceof StringTag s) {
      byte[] utf8 = s.value().getBytes(StandardCharsets.UTF_8);
      if (!TagType.isShortString(s.wireType())) {
        w.u16(utf8.length);
      }
      w.bytes(utf8);
    } else if (tag instanceof IntTag i) {
      intValue(w, i.wireType(), i.value());
    } else if (tag instanceof FloatTag f) {
      w.u32(f.bits() & 0xFFFFFFFFL);
    } else if (tag instanceof BoolTag b) {
      w.u8(b.raw());
    } else if (tag instanceof BoolArrayTag a) {
      w.u16(a.bitCount());
      a.bits().writeTo(w);
    } else if (tag instanceof BlobTag b) {
      w.u32(b.data().length());
      b.data().writeTo(w);
    } else if (tag instanceof AddressTag a) {
      a.dest().writeTo(w);
    } else if (tag instanceof UInt64PairTag p) {
      write(w, new IntTag(p.name(), p.first()));
      write(w, new IntTag(p.name(), p.last()));
    } else {
      throw new IllegalStateException("unhandled tag kind " + tag.getClass());
    }
  }

  /** aMule's {@code WriteTag}: the name as a one-character string, then the value. */
  private static void writeAmule(WireWriter w, Tag tag) {
    int type = amuleType(tag);
    w.u8(type).u16(1).u8(tag.name());
    if (tag instanceof HashTag h) {
      h.hash().writeTo(w);
    } else if (tag instanceof StringTag s) {
      byte[] utf8 = s.value().getBytes(StandardCharsets.UTF_8);
      w.u16(utf8.length).bytes(utf8);
    } else if (tag instanceof IntTag i) {
      intValue(w, type == TagType.AMULE_UINT64 ? TagType.UINT64 : type, i.value());
    } else if (tag instanceof FloatTag f) {
      w.u32(f.bits() & 0xFFFFFFFFL);
    } else if (tag instanceof BsobTag b) {
      w.u8(b.data().length());
      b.data().writeTo(w);
    }
  }

  /** aMule's type code for a tag, or an {@link IllegalArgumentException} if aMule cannot read it. */
  static int amuleType(Tag tag) {
    if (tag instanceof HashTag) {
      return TagType.HASH16;
    } else if (tag instanceof StringTag) {
      return TagType.STRING;
    } else if (tag instanceof IntTag i) {
      int t = i.wireType();
      return t == TagType.UINT64 ? TagType.AMULE_UINT64 : t;
    } else if (tag instanceof FloatTag) {
      return TagType.FLOAT32;
    } else if (tag instanceof BsobTag) {
      return TagType.AMULE_BSOB;
    }
    throw new IllegalArgumentException(
        "aMule's Kad tag reader cannot read a " + tag.getClass().getSimpleName());
  }

  private void header(WireWriter w, int type, int name) {
    w.u8(type | TagType.NAME_ID_FLAG).u8(name);
    if (dialect == TagDialect.SERIAL) {
      w.u32(serials.getAsInt() & 0xFFFFFFFFL);
    }
  }

  private static void intValue(WireWriter w, int type, long v) {
    switch (type) {
      case TagType.UINT8 -> w.u8((int) v);
      case TagType.UINT16 -> w.u16((int) v);
      case TagType.UINT32 -> w.u32(v);
      default -> w.u64(v);
    }
  }
}
