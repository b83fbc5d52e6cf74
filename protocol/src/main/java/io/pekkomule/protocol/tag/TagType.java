package io.pekkomule.protocol.tag;

/** iMule's tag type codes ({@code include/tags/TagTypes.h}, spec §6.1). */
public final class TagType {
  public static final int HASH16 = 0x01;
  public static final int STRING = 0x02;
  public static final int UINT32 = 0x03;
  public static final int FLOAT32 = 0x04;
  public static final int BOOL = 0x05;
  public static final int BOOLARRAY = 0x06;
  public static final int BLOB = 0x07;
  public static final int UINT16 = 0x08;
  public static final int UINT8 = 0x09;
  /** Defined, but iMule cannot read it: the whole packet is dropped. */
  public static final int BSOB = 0x0A;
  /** aMule's UINT64; unknown to iMule (it uses {@link #UINT64}). */
  public static final int AMULE_UINT64 = 0x0B;
  /** aMule's 8-bit-length blob (also defined, but unreadable, in iMule). */
  public static final int AMULE_BSOB = BSOB;
  public static final int STR1 = 0x11;
  public static final int STR16 = 0x20;
  public static final int ADDRESS = 0x27;
  public static final int UINT64UINT64 = 0x28;
  public static final int UINT64 = 0x29;

  /** Set on the type byte when a 1-byte name id follows (the only form this codec writes). */
  public static final int NAME_ID_FLAG = 0x80;

  private TagType() {}

  public static boolean isShortString(int type) {
    return type >= STR1 && type <= STR16;
  }

  public static boolean isInt(int type) {
    return type == UINT8 || type == UINT16 || type == UINT32 || type == UINT64;
  }
}
