package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Writes tags in one {@link TagDialect}. Names are always written as 1-byte ids with the 0x80 flag
 * set, the only form every iMule build reads correctly (spec §6).
 */
public final class TagWriter {
  /** iMule keeps one process-wide running counter ({@code static ntag} in {@code Tag.cpp}). */
  private static final AtomicInteger GLOBAL_SERIAL = new AtomicInteger();

  /** The dialect without serials: what this node sends unless a peer showed the serial form. */
  public static final TagWriter PLAIN = new TagWriter(TagDialect.PLAIN, null);

  private final TagDialect dialect;
  private final IntSupplier serials;

  private TagWriter(TagDialect dialect, IntSupplier serials) {
    this.dialect = dialect;
    this.serials = serials;
  }

  /** Serial dialect, numbered from one process-wide counter like iMule's. */
  public static TagWriter serial() {
    return new TagWriter(TagDialect.SERIAL, GLOBAL_SERIAL::incrementAndGet);
  }

  /** Serial dialect with caller-chosen serial numbers (tests, deterministic output). */
  public static TagWriter serial(IntSupplier serials) {
    return new TagWriter(TagDialect.SERIAL, Objects.requireNonNull(serials));
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
