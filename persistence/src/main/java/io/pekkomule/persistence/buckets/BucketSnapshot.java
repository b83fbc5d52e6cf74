package io.pekkomule.persistence.buckets;

import io.pekkomule.persistence.CborSerializable;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored form of a {@link BucketState} snapshot since format 1: the whole table as ONE binary
 * blob of columns (all ids, then all destinations, then every other field column by column), so
 * a snapshot of a full table is a single CBOR byte string instead of thousands of Jackson
 * objects — cheap to read in a cold JVM. Before it, snapshots were the {@link BucketState} record
 * itself (Jackson CBOR); {@link RoutingBuckets} still reads those.
 *
 * <p>Format 1 (big-endian): {@code int contacts, int candidates, bool
 * hasLastActivity, [long sec, int nano]}, then for all rows (contacts first, then candidates):
 * ids {@code long hi, long lo}; destinations 387 bytes; kadVersion u8; udpKey u32; udpKeyReceivedOn
 * i32; flags u8 (1 verified, 2 reverifyPending, 4 has expires); type u8; created, lastSeen
 * {@code long sec, int nano}; expires {@code long sec, int nano} only for rows with flag 4.
 *
 * @param format the blob's format (today {@link #FORMAT}); an unknown one is refused on read
 * @param columns the blob
 */
public record BucketSnapshot(int format, byte[] columns) implements CborSerializable {
  /** The format written today. */
  public static final int FORMAT = 1;

  public BucketSnapshot {
    Objects.requireNonNull(columns, "columns");
  }

  /** Encodes {@code state} in today's format. */
  public static BucketSnapshot of(BucketState state) {
    List<StoredContact> rows = new ArrayList<>(state.contacts().size() + state.candidates().size());
    rows.addAll(state.contacts().values());
    rows.addAll(state.candidates().values());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + rows.size() * 440);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(state.contacts().size());
      out.writeInt(state.candidates().size());
      out.writeBoolean(state.lastActivity().isPresent());
      if (state.lastActivity().isPresent()) {
        writeInstant(out, state.lastActivity().get());
      }
      for (StoredContact c : rows) {
        out.writeLong(c.id().hi());
        out.writeLong(c.id().lo());
      }
      for (StoredContact c : rows) {
        out.write(c.dest().toBytes());
      }
      for (StoredContact c : rows) {
        out.writeByte(c.kadVersion());
      }
      for (StoredContact c : rows) {
        out.writeInt((int) c.udpKey());
      }
      for (StoredContact c : rows) {
        out.writeInt(c.udpKeyReceivedOn());
      }
      for (StoredContact c : rows) {
        out.writeByte((c.verified() ? 1 : 0) | (c.reverifyPending() ? 2 : 0)
            | (c.expires().isPresent() ? 4 : 0));
      }
      for (StoredContact c : rows) {
        out.writeByte(c.type());
      }
      for (StoredContact c : rows) {
        writeInstant(out, c.created());
      }
      for (StoredContact c : rows) {
        writeInstant(out, c.lastSeen());
      }
      for (StoredContact c : rows) {
        if (c.expires().isPresent()) {
          writeInstant(out, c.expires().get());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BucketSnapshot(FORMAT, bytes.toByteArray());
  }

  /**
   * A stored bucket snapshot in any form this version reads: a {@link BucketSnapshot} (format 1),
   * or a {@link BucketState} record (snapshots written before format 1).
   */
  public static BucketState read(Object stored) {
    if (stored instanceof BucketSnapshot s) {
      return s.toState();
    }
    if (stored instanceof BucketState s) {
      return s;
    }
    throw new IllegalStateException("not a bucket snapshot: "
        + (stored == null ? "null" : stored.getClass().getName()));
  }

  /** Decodes the blob; a damaged blob or an unknown format is an {@link IllegalStateException}. */
  public BucketState toState() {
    if (format != FORMAT) {
      throw new IllegalStateException("unknown bucket snapshot format " + format
          + " (this version reads format " + FORMAT + ")");
    }
    ByteBuffer in = ByteBuffer.wrap(columns);
    try {
      int nContacts = in.getInt();
      int nCandidates = in.getInt();
      if (nContacts < 0 || nCandidates < 0
          || ((long) nContacts + nCandidates) * 420 > columns.length) {
        throw new IllegalStateException("bucket snapshot: bad row counts");
      }
      Optional<Instant> last = in.get() != 0 ? Optional.of(readInstant(in)) : Optional.empty();
      int n = nContacts + nCandidates;
      KadId[] ids = new KadId[n];
      for (int i = 0; i < n; i++) {
        ids[i] = new KadId(in.getLong(), in.getLong());
      }
      I2pDestination[] dests = new I2pDestination[n];
      byte[] raw = new byte[I2pDestination.BYTES];
      for (int i = 0; i < n; i++) {
        in.get(raw);
        dests[i] = I2pDestination.of(raw); // copies
      }
      int[] versions = new int[n];
      for (int i = 0; i < n; i++) {
        versions[i] = in.get() & 0xFF;
      }
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = Integer.toUnsignedLong(in.getInt());
      }
      int[] keyOn = new int[n];
      for (int i = 0; i < n; i++) {
        keyOn[i] = in.getInt();
      }
      int[] flags = new int[n];
      for (int i = 0; i < n; i++) {
        flags[i] = in.get() & 0xFF;
      }
      int[] types = new int[n];
      for (int i = 0; i < n; i++) {
        types[i] = in.get() & 0xFF;
      }
      Instant[] created = new Instant[n];
      for (int i = 0; i < n; i++) {
        created[i] = readInstant(in);
      }
      Instant[] seen = new Instant[n];
      for (int i = 0; i < n; i++) {
        seen[i] = readInstant(in);
      }
      Map<KadId, StoredContact> contacts = new HashMap<>(nContacts * 2);
      Map<KadId, StoredContact> candidates = new HashMap<>(nCandidates * 2);
      for (int i = 0; i < n; i++) {
        Optional<Instant> expires =
            (flags[i] & 4) != 0 ? Optional.of(readInstant(in)) : Optional.empty();
        StoredContact c = new StoredContact(ids[i], dests[i], versions[i], keys[i], keyOn[i],
            (flags[i] & 1) != 0, types[i], created[i], expires, seen[i], (flags[i] & 2) != 0);
        (i < nContacts ? contacts : candidates).put(c.id(), c);
      }
      if (in.hasRemaining()) {
        throw new IllegalStateException("bucket snapshot: trailing bytes");
      }
      return new BucketState(contacts, candidates, last);
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("bucket snapshot: truncated", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("bucket snapshot: bad row: " + e.getMessage(), e);
    }
  }

  private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  private static Instant readInstant(ByteBuffer in) {
    return Instant.ofEpochSecond(in.getLong(), in.getInt());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BucketSnapshot s && s.format == format && Arrays.equals(s.columns, columns);
  }

  @Override
  public int hashCode() {
    return 31 * format + Arrays.hashCode(columns);
  }

  @Override
  public String toString() {
    return "BucketSnapshot[format=" + format + ", " + columns.length + " bytes]";
  }
}
