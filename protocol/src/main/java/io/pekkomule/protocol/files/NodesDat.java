package io.pekkomule.protocol.files;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.FileContact;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The raw contents of an iMule {@code nodes.dat} in any of its formats (spec §14.1): v0 (791-byte
 * Kad1 records), v1 (404-byte Kad2 records), v2 and v3 (413-byte records), v3 bootstrap edition
 * (404-byte records).
 *
 * <p>Decoding is strict and bounded: the record count is checked against the bytes that remain
 * before anything is allocated, and any damage is a {@link DecodeException} carrying the file
 * offset. Decoding keeps every record as stored (including ones iMule would discard), so that
 * {@code nodes inspect} can show the file as it is; iMule's acceptance rules are a separate step,
 * {@link #importFor(KadId, I2pDestination)}.
 *
 * @param formatVersion 0, 1, 2 or 3
 * @param bootstrapEdition true only for a v3 bootstrap edition (header {@code 0,3,1,count})
 * @param entries the records in file order
 */
public record NodesDat(int formatVersion, boolean bootstrapEdition, List<NodesDat.Entry> entries) {

  /** What iMule writes. */
  public static final int CURRENT_VERSION = 2;
  /** Largest file {@link #read(Path)} accepts; iMule writes at most 500 records (≈ 206 KB). */
  public static final long MAX_FILE_BYTES = 16L << 20;
  /** How many bootstrap-edition contacts, the closest to our id, are kept (iMule: 50). */
  public static final int BOOTSTRAP_LIST_SIZE = 50;
  /** A contact of this type or above is dead; only v0 files store a type (spec §14.1). */
  public static final int DEAD_TYPE = 4;

  public NodesDat {
    if (formatVersion < 0 || formatVersion > 3) {
      throw new IllegalArgumentException("nodes.dat format version " + formatVersion);
    }
    if (bootstrapEdition && formatVersion != 3) {
      throw new IllegalArgumentException("only v3 has a bootstrap edition");
    }
    entries = List.copyOf(entries);
    if (formatVersion == 0 && entries.isEmpty()) {
      throw new IllegalArgumentException("a v0 file cannot hold zero contacts (count 0 marks v1+)");
    }
    if (formatVersion == 0) {
      for (Entry e : entries) {
        if (e.kad1().isEmpty()) {
          throw new IllegalArgumentException("v0 needs the Kad1 record (TCP dest, type) of every entry");
        }
      }
    }
  }

  /** A v2 file, the format iMule writes. */
  public static NodesDat v2(List<FileContact> contacts) {
    return new NodesDat(2, false, contacts.stream().map(Entry::of).toList());
  }

  /** Size in bytes of one record of this file's format. */
  public int recordSize() {
    return recordSize(formatVersion, bootstrapEdition);
  }

  private static int recordSize(int version, boolean bootstrapEdition) {
    if (version == 0) {
      return Kad1Contact.BYTES;
    }
    return version == 1 || bootstrapEdition ? Kad2Contact.BYTES : FileContact.BYTES;
  }

  private static int headerSize(int version) {
    return version == 0 ? 4 : version == 3 ? 16 : 12;
  }

  /**
   * One record. Every format is lifted to the v2 shape ({@link FileContact}); fields a format does
   * not store are 0/false (v0 and v1 have no keys or verified flag, v0 has no Kad version).
   *
   * @param file the contact, verify key, key "IP" and verified flag
   * @param kad1 the 791-byte Kad1 record, present exactly for entries read from a v0 file: it keeps
   *     the TCP destination and the stored type
   */
  public record Entry(FileContact file, Optional<Kad1Contact> kad1) {
    public Entry {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(kad1, "kad1");
      kad1.ifPresent(
          k -> {
            if (!k.id().equals(file.contact().id()) || !k.udpDest().equals(file.contact().udpDest())) {
              throw new IllegalArgumentException("Kad1 record and contact disagree");
            }
          });
    }

    public static Entry of(FileContact file) {
      return new Entry(file, Optional.empty());
    }

    /** An entry as read from a v0 file: Kad version 0, no keys, not verified. */
    public static Entry ofV0(Kad1Contact k) {
      return new Entry(
          new FileContact(new Kad2Contact(0, k.id(), k.udpDest()), 0, 0, false), Optional.of(k));
    }

    public Kad2Contact contact() {
      return file.contact();
    }

    public KadId id() {
      return file.contact().id();
    }

    public int kadVersion() {
      return file.contact().kadVersion();
    }

    public I2pDestination udpDest() {
      return file.contact().udpDest();
    }

    public boolean verified() {
      return file.verified();
    }
  }

  // ---------------------------------------------------------------- reading

  /** Reads and decodes a file; refuses files above {@link #MAX_FILE_BYTES} before reading them. */
  public static NodesDat read(Path path) throws IOException, DecodeException {
    long size = Files.size(path);
    if (size > MAX_FILE_BYTES) {
      throw new DecodeException(
          Reason.OVER_LIMIT, 0, "file is " + size + " bytes, limit " + MAX_FILE_BYTES);
    }
    return decode(Files.readAllBytes(path));
  }

  /** Decodes a whole file; offsets in a {@link DecodeException} are file offsets. */
  public static NodesDat decode(byte[] file) throws DecodeException {
    WireReader r = new WireReader(file);
    long first = r.u32();
    int version;
    boolean bootstrap = false;
    long count;
    int countAt;
    if (first != 0) {
      // v0: the first u32 is the (non-zero) count. Newer files start with 0 so v0 readers see none.
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
          throw new DecodeException(
              Reason.BAD_HEADER, editionAt, "unknown v3 edition " + edition + " (0 normal, 1 bootstrap)");
        }
        bootstrap = edition == 1;
      }
      countAt = r.position();
      count = r.u32();
    }
    int recordSize = recordSize(version, bootstrap);
    // Bound before allocating: a huge count in a small file fails here, not in ArrayList/OOM.
    if (count * recordSize > r.remaining()) {
      throw new DecodeException(
          Reason.TRUNCATED,
          countAt,
          "count "
              + count
              + " needs "
              + count * recordSize
              + " bytes of "
              + recordSize
              + "-byte records, "
              + r.remaining()
              + " remain");
    }
    List<Entry> entries = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      entries.add(readEntry(r, version, bootstrap));
    }
    r.expectEnd();
    return new NodesDat(version, bootstrap, entries);
  }

  // Fields are read one by one rather than with Kad1Contact/Kad2Contact.read(), which reject a
  // zero id or a version above 8: a file holding such a record is still a well-formed file, and
  // iMule's reading rules (see importFor) decide what to drop.
  private static Entry readEntry(WireReader r, int version, boolean bootstrap)
      throws DecodeException {
    if (version == 0) {
      KadId id = KadId.read(r);
      I2pDestination udp = I2pDestination.read(r);
      I2pDestination tcp = I2pDestination.read(r);
      int type = r.u8();
      return Entry.ofV0(new Kad1Contact(id, udp, tcp, type));
    }
    int kadVersion = r.u8();
    KadId id = KadId.read(r);
    I2pDestination udp = I2pDestination.read(r);
    Kad2Contact c = new Kad2Contact(kadVersion, id, udp);
    if (version == 1 || bootstrap) {
      return Entry.of(new FileContact(c, 0, 0, false));
    }
    long key = r.u32();
    long keyIp = r.u32();
    boolean verified = r.u8() != 0;
    return Entry.of(new FileContact(c, key, keyIp, verified));
  }

  // ---------------------------------------------------------------- writing

  /**
   * Encodes in this file's own format. For a v2 file read from disk the result is byte-identical
   * to the input (no field is normalised on the way).
   */
  public byte[] encode() {
    int size = headerSize(formatVersion) + entries.size() * recordSize();
    WireWriter w = new WireWriter(size);
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
      if (formatVersion == 0) {
        e.kad1().orElseThrow().writeTo(w);
      } else if (formatVersion == 1 || bootstrapEdition) {
        e.contact().writeTo(w);
      } else {
        e.file().writeTo(w);
      }
    }
    return w.toByteArray();
  }

  /**
   * Writes via a temporary file in the same directory and an atomic move, so a crash never leaves
   * a half-written nodes.dat (iMule's {@code write_safe}).
   */
  public void write(Path path) throws IOException {
    writeAtomically(path, encode());
  }

  static void writeAtomically(Path path, byte[] bytes) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // ---------------------------------------------------------------- iMule's reading rules

  /** Why {@link #importFor} left a record out. */
  public enum Skip {
    /** v0 record with a stored type ≥ 4 (dead). */
    DEAD_TYPE,
    /** Destination hash ("IP") 0: iMule's {@code isValid()} fails. */
    INVALID_DEST,
    /** Our own UDP destination. */
    SELF,
    /** KadID 0 (iMule: {@code ContactWithNullClientID}). */
    ZERO_ID,
    /** Kad version above 8 (iMule: {@code BadVersionException}). */
    VERSION_ABOVE_8,
    /** Bootstrap edition: version ≤ 1, not a Kad2 node. */
    KAD1_ONLY,
    /** Bootstrap edition: valid, but not among the {@value #BOOTSTRAP_LIST_SIZE} closest. */
    NOT_CLOSEST
  }

  /**
   * The outcome of applying iMule's reading rules.
   *
   * @param routing contacts for the routing table, in file order (empty for a bootstrap edition)
   * @param bootstrap bootstrap edition only: the closest Kad2 contacts to our id, nearest first
   * @param allMarkedVerified true when no record in the file was verified, so all were marked
   * @param skipped how many records each rule left out
   */
  public record Import(
      List<FileContact> routing,
      List<Kad2Contact> bootstrap,
      boolean allMarkedVerified,
      Map<Skip, Integer> skipped) {
    public Import {
      routing = List.copyOf(routing);
      bootstrap = List.copyOf(bootstrap);
      skipped = Map.copyOf(skipped);
    }

    public int skipped(Skip why) {
      return skipped.getOrDefault(why, 0);
    }
  }

  /**
   * Applies iMule's nodes.dat reading rules ({@code RoutingZone::ReadFile},
   * {@code ReadBootstrapNodesDat}; spec §14.1). Normal files: skip type ≥ 4 (v0), invalid
   * destinations (hash 0), our own destination, zero ids and versions above 8; if no record in the
   * file is verified, mark every imported contact verified. Bootstrap editions: nothing goes to
   * the routing table; keep Kad2 contacts (version > 1) that pass the same checks, the
   * {@value #BOOTSTRAP_LIST_SIZE} closest to {@code ownId}.
   *
   * <p>Duplicates are not removed here: routing-table admission decides that.
   */
  public Import importFor(KadId ownId, I2pDestination ownDest) {
    Objects.requireNonNull(ownId, "ownId");
    Objects.requireNonNull(ownDest, "ownDest");
    Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
    List<Entry> passed = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      Skip why = check(e, ownDest);
      if (why == null && bootstrapEdition && e.kadVersion() <= 1) {
        why = Skip.KAD1_ONLY;
      }
      if (why != null) {
        skipped.merge(why, 1, Integer::sum);
      } else {
        passed.add(e);
      }
    }
    if (bootstrapEdition) {
      // A stable sort keeps file order among equal distances, like iMule's insert-before-farther.
      List<Kad2Contact> closest =
          passed.stream()
              .map(Entry::contact)
              .sorted(Comparator.comparing((Kad2Contact c) -> c.id().xor(ownId)))
              .limit(BOOTSTRAP_LIST_SIZE)
              .toList();
      if (passed.size() > closest.size()) {
        skipped.put(Skip.NOT_CLOSEST, passed.size() - closest.size());
      }
      return new Import(List.of(), closest, false, skipped);
    }
    // iMule looks at every record it read, before any filtering, to decide this.
    boolean anyVerified = entries.stream().anyMatch(Entry::verified);
    List<FileContact> routing =
        passed.stream()
            .map(Entry::file)
            .map(f -> anyVerified ? f : new FileContact(f.contact(), f.udpKey(), f.udpKeyIp(), true))
            .toList();
    return new Import(routing, List.of(), !anyVerified, skipped);
  }

  private static Skip check(Entry e, I2pDestination ownDest) {
    if (e.kad1().isPresent() && e.kad1().get().type() >= DEAD_TYPE) {
      return Skip.DEAD_TYPE;
    }
    if (e.id().isZero()) {
      return Skip.ZERO_ID;
    }
    if (e.kadVersion() > Kad2Contact.MAX_VERSION) {
      return Skip.VERSION_ABOVE_8;
    }
    if (!e.udpDest().isValidForImule()) {
      return Skip.INVALID_DEST;
    }
    if (e.udpDest().equals(ownDest)) {
      return Skip.SELF;
    }
    return null;
  }
}
