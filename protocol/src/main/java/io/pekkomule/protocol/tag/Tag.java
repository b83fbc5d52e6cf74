package io.pekkomule.protocol.tag;

/**
 * One Kad tag: a 1-byte name id and a typed value (spec §6). Integers of every width decode to
 * {@link IntTag} and strings of every form to {@link StringTag}, as iMule does; the writer picks
 * the wire type. The same model serves aMule's kad4 tags, whose one-character string names are the
 * name id (see {@link TagWriter#AMULE}); which ids mean what depends on the overlay ({@link
 * KnownTag}).
 */
public sealed interface Tag
    permits HashTag,
        StringTag,
        IntTag,
        FloatTag,
        BoolTag,
        BoolArrayTag,
        BlobTag,
        AddressTag,
        UInt64PairTag,
        BsobTag {

  /** The 1-byte name id ({@link TagName}). */
  int name();

  /** The type code this tag is written with (without the 0x80 name flag). */
  int wireType();

  static void checkName(int name) {
    if (name < 0 || name > 255) {
      throw new IllegalArgumentException("tag name must fit in one byte: " + name);
    }
  }
}
