package io.pekkomule.protocol.tag;

/**
 * iMule's 1-byte tag name ids: the {@code file_tags} enum of {@code include/tags/FileTags.h},
 * which starts at 35 (spec §6.2). These are not aMule's numbers.
 */
public final class TagName {
  public static final int FILENAME = 0x23;
  public static final int FILESIZE = 0x24;
  public static final int FILETYPE = 0x25;
  public static final int FILEFORMAT = 0x26;
  public static final int LASTSEENCOMPLETE = 0x27;
  public static final int PART_PATH = 0x28;
  public static final int PART_HASH = 0x29;
  public static final int TRANSFERRED = 0x2A;
  public static final int GAP_START = 0x2B;
  public static final int GAP_END = 0x2C;
  public static final int DESCRIPTION = 0x2D;
  public static final int PING = 0x2E;
  public static final int FAIL = 0x2F;
  public static final int PREFERENCE = 0x30;
  public static final int VERSION = 0x31;
  public static final int PARTFILENAME = 0x32;
  public static final int PRIORITY = 0x33;
  public static final int STATUS = 0x34;
  public static final int SOURCES = 0x35;
  public static final int QTIME = 0x36;
  public static final int PARTS = 0x37;
  public static final int DLPRIORITY = 0x38;
  public static final int ULPRIORITY = 0x39;
  public static final int KADLASTPUBLISHKEY = 0x3A;
  public static final int KADLASTPUBLISHSRC = 0x3B;
  /** Bit 0 = complete file. */
  public static final int FLAGS = 0x3C;
  public static final int DL_ACTIVE_TIME = 0x3D;
  public static final int CORRUPTEDPARTS = 0x3E;
  public static final int DL_PREVIEW = 0x3F;
  public static final int KADLASTPUBLISHNOTES = 0x40;
  public static final int AICH_HASH = 0x41;
  public static final int COMPLETE_SOURCES = 0x42;
  public static final int COLLECTION = 0x43;
  public static final int PERMISSIONS = 0x44;
  public static final int ATTRANSFERRED = 0x45;
  public static final int ATREQUESTED = 0x46;
  public static final int ATACCEPTED = 0x47;
  public static final int CATEGORY = 0x48;
  public static final int ATTRANSFERREDHI = 0x49;
  public static final int MEDIA_ARTIST = 0x4A;
  public static final int MEDIA_ALBUM = 0x4B;
  public static final int MEDIA_TITLE = 0x4C;
  public static final int MEDIA_LENGTH = 0x4D;
  public static final int MEDIA_BITRATE = 0x4E;
  public static final int MEDIA_CODEC = 0x4F;
  public static final int FILERATING = 0x50;
  /** ADDRESS tag. */
  public static final int SERVERDEST = 0x51;
  /** ADDRESS tag: the source's UDP (datagram) destination. */
  public static final int SOURCEUDEST = 0x52;
  /** ADDRESS tag: the source's TCP (stream) destination. */
  public static final int SOURCEDEST = 0x53;
  public static final int SOURCETYPE = 0x54;
  /** Not sent by iMule. */
  public static final int PUBLISHINFO = 0x55;
  public static final int COPIED = 0x56;
  public static final int AVAILABILITY = 0x57;
  /** HELLO options: 0x01 UDP-firewalled, 0x02 TCP-firewalled, 0x04 "please send HELLO_RES_ACK". */
  public static final int KADMISCOPTIONS = 0x58;
  /** Connect options: bit0 supported, bit1 requested, bit2 required. */
  public static final int ENCRYPTION = 0x59;

  private static final String[] NAMES = {
    "FILENAME", "FILESIZE", "FILETYPE", "FILEFORMAT", "LASTSEENCOMPLETE", "PART_PATH", "PART_HASH",
    "TRANSFERRED", "GAP_START", "GAP_END", "DESCRIPTION", "PING", "FAIL", "PREFERENCE", "VERSION",
    "PARTFILENAME", "PRIORITY", "STATUS", "SOURCES", "QTIME", "PARTS", "DLPRIORITY", "ULPRIORITY",
    "KADLASTPUBLISHKEY", "KADLASTPUBLISHSRC", "FLAGS", "DL_ACTIVE_TIME", "CORRUPTEDPARTS",
    "DL_PREVIEW", "KADLASTPUBLISHNOTES", "AICH_HASH", "COMPLETE_SOURCES", "COLLECTION",
    "PERMISSIONS", "ATTRANSFERRED", "ATREQUESTED", "ATACCEPTED", "CATEGORY", "ATTRANSFERREDHI",
    "MEDIA_ARTIST", "MEDIA_ALBUM", "MEDIA_TITLE", "MEDIA_LENGTH", "MEDIA_BITRATE", "MEDIA_CODEC",
    "FILERATING", "SERVERDEST", "SOURCEUDEST", "SOURCEDEST", "SOURCETYPE", "PUBLISHINFO", "COPIED",
    "AVAILABILITY", "KADMISCOPTIONS", "ENCRYPTION"
  };

  private TagName() {}

  /** A readable name for logs: the constant's name, or {@code 0xNN} for ids iMule does not define. */
  public static String describe(int name) {
    int i = name - FILENAME;
    return i >= 0 && i < NAMES.length ? NAMES[i] : String.format("0x%02X", name);
  }
}
