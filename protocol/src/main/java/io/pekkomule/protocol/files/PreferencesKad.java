package io.pekkomule.protocol.files;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * iMule's {@code preferencesKad.dat}, which holds the node's KadID (spec §3): {@code u16 0} (unused)
 * · KadID in wire order · {@code u8 0} ("no tags"), 19 bytes. aMule's 23-byte layout (with a
 * leading u32 IP) is a different file and is not read here.
 *
 * <p>A stored zero id means "generate a new one" in iMule; this class only reports it ({@link
 * #needsNewId()}) and never generates ids itself.
 */
public record PreferencesKad(KadId kadId) {
  /** Size of the file iMule writes and {@link #encode()} produces. */
  public static final int BYTES = 2 + KadId.BYTES + 1;
  /** What a reader needs: the unused u16 and the id; iMule ignores everything after the id. */
  public static final int MIN_BYTES = 2 + KadId.BYTES;

  public PreferencesKad {
    Objects.requireNonNull(kadId, "kadId");
  }

  /**
   * Decodes the first {@value #MIN_BYTES} bytes; like iMule, ignores the u16, the trailing tag
   * count and anything after it.
   */
  public static PreferencesKad decode(byte[] file) throws DecodeException {
    WireReader r = new WireReader(file);
    r.u16();
    return new PreferencesKad(KadId.read(r));
  }

  /** Reads only the head of the file, so an oversized file costs nothing. */
  public static PreferencesKad read(Path path) throws IOException, DecodeException {
    try (InputStream in = Files.newInputStream(path)) {
      return decode(in.readNBytes(BYTES));
    }
  }

  /** True when the stored id is zero, which iMule replaces by a fresh random id. */
  public boolean needsNewId() {
    return kadId.isZero();
  }

  /** The 19-byte iMule layout. */
  public byte[] encode() {
    WireWriter w = new WireWriter(BYTES);
    w.u16(0);
    kadId.writeTo(w);
    w.u8(0);
    return w.toByteArray();
  }

  /** Writes atomically (temporary file and move). */
  public void write(Path path) throws IOException {
    NodesDat.writeAtomically(path, encode());
  }
}
