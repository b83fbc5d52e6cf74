package io.pekkomule.protocol.files;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.AmuleWireContact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The contents of an aMule/eMule {@code nodes.dat} (kad4 overlay) in any of its formats: v0
 * ({@code u32 count}, 25-byte records ending in the contact type), v1 ({@code 0 · 1 · count},
 * 25-byte records ending in the Kad version), v2 and v3 ({@code 0 · 2 · count} / {@code 0 · 3 ·
 * edition · count}, 34-byte records: 25-byte contact · {@code u32 udpKey · u32 udpKeyIp · u8
 * verified}), v3 bootstrap edition (25-byte records). aMule writes v2. Decoding is strict and
 * bounded like {@link NodesDat}: counts are checked against the bytes left before allocating, and
 * trailing bytes are an error. The address-filtering rules aMule applies on import (reserved
 * ranges, version ≤ 1) are node policy and not applied here.
 *
 * @param formatVersion 0, 1, 2 or 3
 * @param bootstrapEdition true only for a v3 bootstrap edition
 */
public record AmuleNodesDat(int formatVersion, boolean bootstrapEdition, List<AmuleNodesDat.Entry> entries) {
  public static final int CURRENT_VERSION = 2;
  public static final int SHORT_RECORD = AmuleWireContact.BYTES;
  public static final int LONG_RECORD = AmuleWireContact.BYTES + 4 + 4 + 1;

  public AmuleNodesDat {
    if (formatVersion < 0 || formatVersion > 3) {
      throw new IllegalArgumentException("nodes.dat format version " + formatVersion);
    }
    if (bootstrapEdition && formatVersion != 3) {
      throw new IllegalArgumentException("only v3 has a bootstrap edition");
    }
    entries = List.copyOf(entries);
    for (Entry e : entries) {
      if ((formatVersion == 0) != e.v0Type().isPresent()) {
        throw new IllegalArgumentException("v0 entries, and only they, carry a contact type");
      }
    }
  }

  /**
   * One record. The contact's endpoint always has a TCP port; v0 records have no Kad version (the
   * contact holds 0) but a stored type; v0/v1 and bootstrap records have no keys or verified flag.
   *
   * @param udpKey the verify key that peer gave us
   * @param udpKeyIp our own public IPv4 (aMule host order) when that key was received
   */
  public record Entry(KadContact contact, long udpKey, long udpKeyIp, boolean verified, OptionalInt v0Type) {
    public Entry {
      Objects.requireNonNull(contact, "contact");
      contact = AmuleWireContact.canonical(contact);
      if (udpKey < 0 || udpKey > 0xFFFFFFFFL || udpKeyIp < 0 || udpKeyIp > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("udpKey and udpKeyIp are u32");
      }
      Objects.requireNonNull(v0Type, "v0Type");
    }

    /** A v1+ entry. */
    public static Entry of(KadContact contact, long udpKey, long udpKeyIp, boolean verified) {
      return new Entry(contact, udpKey, udpKeyIp, verified, OptionalInt.empty());
    }

    public KadId id() {
      return contact.id();
    }

    public Ipv4UdpEndpoint endpoint() {
      return (Ipv4UdpEndpoint) contact.endpoint();
    }
  }

  /** A v2 file, the format aMule writes. */
  public static AmuleNodesDat v2(List<Entry> entries) {
    return new AmuleNodesDat(2, false, entries);
  }

  public int recordSize() {
    return formatVersion == 2 || (formatVersion == 3 && !bootstrapEdition) ? LONG_RECORD : SHORT_RECORD;
  }

  public static AmuleNodesDat read(Path path) throws IOException, DecodeException {
    long size = Files.size(path);
    if (size > NodesDat.MAX_FILE_BYTES) {
      throw new DecodeException(Reason.OVER_LIMIT, 0, "file is " + size + " bytes, limit " + NodesDat.MAX_FILE_BYTES);
    }
    return decode(Files.readAllBytes(path));
  }

  public static AmuleNodesDat decode(byte[] file) throws DecodeException {
    WireReader r = new WireReader(file);
    long first = r.u32();
    int version;
    boolean bootstrap = false;
    long count;
    int countAt;
    if (first != 0 || !r.hasRemaining()) {
      version = 0;
      count = first;
      countAt = 0;
    } else {
      int versionAt = r.position();
      long v = r.u32();
      if (v < 1 || v > 3) {
        throw new DecodeException(Reason.UNSUPPORTED, versionAt, "unknown nodes.dat version " + v);
      }
      version = (int) v;
      if (version == 3) {
        int editionAt = r.position();
        long edition = r.u32();
        if (edition > 1) {
          throw new DecodeException(Reason.BAD_HEADER, editionAt, "unknown v3 edition " + edition);
        }
        bootstrap = edition == 1;
      }
      countAt = r.position();
      count = r.u32();
    }
    int recordSize = version == 2 || (version == 3 && !bootstrap) ? LONG_RECORD : SHORT_RECORD;
    if (count * recordSize > r.remaining()) {
      throw new DecodeException(
          Reason.TRUNCATED, countAt, "count " + count + " needs " + count * recordSize + " bytes, " + r.remaining() + " remain");
    }
    List<Entry> entries = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      KadContact c = AmuleWireContact.read(r);
      if (version == 0) {
        // The last byte of a v0 record is the contact type, not a version.
        entries.add(new Entry(new KadContact(0, c.id(), c.endpoint()), 0, 0, false, OptionalInt.of(c.version())));
      } else if (recordSize == SHORT_RECORD) {
        entries.add(Entry.of(c, 0, 0, false));
      } else {
        long key = r.u32();
        long keyIp = r.u32();
        entries.add(Entry.of(c, key, keyIp, r.u8() != 0));
      }
    }
    r.expectEnd();
    return new AmuleNodesDat(version, bootstrap, entries);
  }

  /** Encodes in this file's own format; a file read from disk re-encodes byte for byte. */
  public byte[] encode() {
    WireWriter w = new WireWriter(16 + entries.size() * recordSize());
    if (formatVersion == 0) {
      w.u32(entries.size());
    } else {
      w.u32(0).u32(formatVersion);
      if (formatVersion == 3) {
        w.u32(bootstrapEdition ? 1 : 0);
      }
      w.u32(entries.size());
    }
    for (Entry e : entries) {
      KadContact c = e.contact();
      if (formatVersion == 0) {
        c = new KadContact(e.v0Type().getAsInt(), c.id(), c.endpoint());
      }
      AmuleWireContact.write(w, c);
      if (recordSize() == LONG_RECORD) {
        w.u32(e.udpKey()).u32(e.udpKeyIp()).u8(e.verified() ? 1 : 0);
      }
    }
    return w.toByteArray();
  }

  public void write(Path path) throws IOException {
    NodesDat.writeAtomically(path, encode());
  }
}
