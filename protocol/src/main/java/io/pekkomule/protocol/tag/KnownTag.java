package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.Overlay;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Tags by meaning, with the name id each overlay uses for them (iMule: {@link TagName}, aMule:
 * {@link AmuleTagName}). Code that handles both overlays asks {@code FILENAME.id(overlay)} instead
 * of hard-coding a number. A tag one overlay does not have (iMule's destination tags, aMule's
 * IP/port tags) has no id there.
 */
public enum KnownTag {
  FILENAME(TagName.FILENAME, AmuleTagName.FILENAME),
  FILESIZE(TagName.FILESIZE, AmuleTagName.FILESIZE),
  /** aMule: high 32 bits of a size sent as two UINT32s by old clients. */
  FILESIZE_HI(-1, AmuleTagName.FILESIZE_HI),
  FILETYPE(TagName.FILETYPE, AmuleTagName.FILETYPE),
  FILEFORMAT(TagName.FILEFORMAT, AmuleTagName.FILEFORMAT),
  DESCRIPTION(TagName.DESCRIPTION, AmuleTagName.DESCRIPTION),
  SOURCES(TagName.SOURCES, AmuleTagName.SOURCES),
  COMPLETE_SOURCES(TagName.COMPLETE_SOURCES, AmuleTagName.COMPLETE_SOURCES),
  /** iMule: bit 0 = complete file. */
  FLAGS(TagName.FLAGS, -1),
  MEDIA_ARTIST(TagName.MEDIA_ARTIST, AmuleTagName.MEDIA_ARTIST),
  MEDIA_ALBUM(TagName.MEDIA_ALBUM, AmuleTagName.MEDIA_ALBUM),
  MEDIA_TITLE(TagName.MEDIA_TITLE, AmuleTagName.MEDIA_TITLE),
  MEDIA_LENGTH(TagName.MEDIA_LENGTH, AmuleTagName.MEDIA_LENGTH),
  MEDIA_BITRATE(TagName.MEDIA_BITRATE, AmuleTagName.MEDIA_BITRATE),
  MEDIA_CODEC(TagName.MEDIA_CODEC, AmuleTagName.MEDIA_CODEC),
  FILERATING(TagName.FILERATING, AmuleTagName.FILERATING),
  PUBLISHINFO(TagName.PUBLISHINFO, AmuleTagName.PUBLISHINFO),
  SOURCETYPE(TagName.SOURCETYPE, AmuleTagName.SOURCETYPE),
  KADMISCOPTIONS(TagName.KADMISCOPTIONS, AmuleTagName.KADMISCOPTIONS),
  ENCRYPTION(TagName.ENCRYPTION, AmuleTagName.ENCRYPTION),
  /** iMule ADDRESS tags. */
  SERVERDEST(TagName.SERVERDEST, -1),
  SOURCEUDEST(TagName.SOURCEUDEST, -1),
  SOURCEDEST(TagName.SOURCEDEST, -1),
  /** aMule source address tags. */
  SOURCEIP(-1, AmuleTagName.SOURCEIP),
  SOURCEPORT(-1, AmuleTagName.SOURCEPORT),
  SOURCEUPORT(-1, AmuleTagName.SOURCEUPORT),
  SERVERIP(-1, AmuleTagName.SERVERIP),
  SERVERPORT(-1, AmuleTagName.SERVERPORT),
  CLIENTLOWID(-1, AmuleTagName.CLIENTLOWID),
  BUDDYHASH(-1, AmuleTagName.BUDDYHASH);

  private final int imule;
  private final int amule;

  KnownTag(int imule, int amule) {
    this.imule = imule;
    this.amule = amule;
  }

  /** The name id in this overlay, if it has the tag. */
  public OptionalInt idIn(Overlay overlay) {
    int id = overlay == Overlay.AMULE_KAD4 ? amule : imule;
    return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** The name id in this overlay; {@link IllegalArgumentException} if the overlay lacks the tag. */
  public int id(Overlay overlay) {
    return idIn(overlay)
        .orElseThrow(() -> new IllegalArgumentException(this + " does not exist in " + overlay));
  }

  /** The meaning of a name id in an overlay. */
  public static Optional<KnownTag> of(Overlay overlay, int id) {
    for (KnownTag t : values()) {
      OptionalInt own = t.idIn(overlay);
      if (own.isPresent() && own.getAsInt() == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
