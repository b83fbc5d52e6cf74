package io.pekkomule.protocol.files;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * aMule's {@code preferencesKad.dat} (kad4 overlay; aMule {@code CPrefs::WriteFile}): {@code u32
 * IPv4} (the last public address Kad learned, aMule host order, little-endian) · {@code u16 0} ·
 * KadID in wire order · {@code u8 0}, 23 bytes. iMule's file ({@link PreferencesKad}) lacks the IP.
 *
 * @param address the stored IPv4, most significant byte first (0 = unknown)
 */
public record AmulePreferencesKad(int address, KadId kadId) {
  public static final int BYTES = 4 + 2 + KadId.BYTES + 1;
  /** What aMule reads: IP, the unused u16 and the id; anything after is ignored. */
  public static final int MIN_BYTES = 4 + 2 + KadId.BYTES;

  public AmulePreferencesKad {
    Objects.requireNonNull(kadId, "kadId");
  }

  public static AmulePreferencesKad decode(byte[] file) throws DecodeException {
    WireReader r = new WireReader(file);
    int ip = (int) r.u32();
    r.u16();
    return new AmulePreferencesKad(ip, KadId.read(r));
  }

  /** Reads only the head of the file. */
  public static AmulePreferencesKad read(Path path) throws IOException, DecodeException {
    try (InputStream in = Files.newInputStream(path)) {
      return decode(in.readNBytes(BYTES));
    }
  }

  /** True when the stored id is zero, which aMule replaces by a fresh random id. */
  public boolean needsNewId() {
    return kadId.isZero();
  }

  public byte[] encode() {
    WireWriter w = new WireWriter(BYTES);
    w.u32(Integer.toUnsignedLong(address)).u16(0);
    kadId.writeTo(w);
    w.u8(0);
    return w.toByteArray();
  }

  public void write(Path path) throws IOException {
    NodesDat.writeAtomically(path, encode());
  }

  @Override
  public String toString() {
    return "AmulePreferencesKad[" + new Ipv4UdpEndpoint(address, 0).dotted() + ", " + kadId + "]";
  }
}
