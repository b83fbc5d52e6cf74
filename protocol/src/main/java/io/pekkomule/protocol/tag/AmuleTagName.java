package io.pekkomule.protocol.tag;

/**
 * aMule's Kad tag names (the {@code TAG_*} one-character strings of aMule's {@code
 * include/tags/FileTags.h}, "Kad search" section), as the name id this model uses. They are not
 * iMule's ids ({@link TagName}); {@link KnownTag} maps between the two.
 */
public final class AmuleTagName {
  public static final int FILENAME = 0x01;
  public static final int FILESIZE = 0x02;
  public static final int FILETYPE = 0x03;
  public static final int FILEFORMAT = 0x04;
  public static final int COLLECTION = 0x05;
  public static final int PART_PATH = 0x06;
  public static final int PART_HASH = 0x07;
  public static final int COPIED = 0x08;
  public static final int GAP_START = 0x09;
  public static final int GAP_END = 0x0A;
  public static final int DESCRIPTION = 0x0B;
  public static final int PING = 0x0C;
  public static final int FAIL = 0x0D;
  public static final int PREFERENCE = 0x0E;
  public static final int PORT = 0x0F;
  public static final int IP_ADDRESS = 0x10;
  public static final int VERSION = 0x11;
  public static final int TEMPFILE = 0x12;
  public static final int PRIORITY = 0x13;
  public static final int STATUS = 0x14;
  /** Also TAG_AVAILABILITY. */
  public static final int SOURCES = 0x15;
  /** Also TAG_QTIME. */
  public static final int PERMISSIONS = 0x16;
  public static final int PARTS = 0x17;
  /** eMule's {@code TAG_COMPLETE_SOURCES "\x30"} (= FT_COMPLETE_SOURCES), sent with keywords. */
  public static final int COMPLETE_SOURCES = 0x30;
  public static final int PUBLISHINFO = 0x33;
  public static final int FILESIZE_HI = 0x3A;
  public static final int MEDIA_ARTIST = 0xD0;
  public static final int MEDIA_ALBUM = 0xD1;
  public static final int MEDIA_TITLE = 0xD2;
  public static final int MEDIA_LENGTH = 0xD3;
  public static final int MEDIA_BITRATE = 0xD4;
  public static final int MEDIA_CODEC = 0xD5;
  /** HELLO options: 0x01 UDP-firewalled, 0x02 TCP-firewalled, 0x04 "please send HELLO_RES_ACK". */
  public static final int KADMISCOPTIONS = 0xF2;
  public static final int ENCRYPTION = 0xF3;
  public static final int FILERATING = 0xF7;
  public static final int BUDDYHASH = 0xF8;
  public static final int CLIENTLOWID = 0xF9;
  public static final int SERVERPORT = 0xFA;
  public static final int SERVERIP = 0xFB;
  /** A UDP port: in HELLOs the sender's internal Kad port, in sources the source's UDP port. */
  public static final int SOURCEUPORT = 0xFC;
  public static final int SOURCEPORT = 0xFD;
  public static final int SOURCEIP = 0xFE;
  public static final int SOURCETYPE = 0xFF;

  private AmuleTagName() {}
}
