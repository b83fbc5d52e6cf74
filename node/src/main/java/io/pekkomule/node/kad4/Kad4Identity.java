package io.pekkomule.node.kad4;

import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.protocol.KadId;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The kad4 node's own identity: a KadID and UDP-key secret of its own, kept in {@code
 * kad4.properties} of its data directory. It is never the I2P node's identity: a data directory
 * holding an I2P node's journal is refused, since one KadID seen on classic Kad and on iMule
 * links the anonymous node to an IP address (docs/overlays.md, "one identity, one overlay").
 */
public record Kad4Identity(KadId id, int udpKeySecret) {
  public static final String FILE = "kad4.properties";

  /** Reads the identity of {@code dataDir}, creating a fresh random one on first use. */
  public static Kad4Identity loadOrCreate(Path dataDir) throws IOException {
    if (Files.exists(JournalConfig.h2DatabaseFile(dataDir))) {
      throw new IllegalArgumentException(dataDir + " holds an I2P node's identity journal; a kad4"
          + " node needs a data directory of its own (one identity, one overlay)");
    }
    Path f = dataDir.resolve(FILE);
    if (Files.isRegularFile(f)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
        p.load(r);
      }
      String id = p.getProperty("kad-id");
      String key = p.getProperty("udp-key-secret");
      if (id == null || key == null) {
        throw new IllegalArgumentException(f + ": kad-id and udp-key-secret are required");
      }
      KadId kadId;
      try {
        kadId = KadId.fromHex(id.trim());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(f + ": kad-id is not 32 hex digits");
      }
      if (kadId.isZero()) {
        throw new IllegalArgumentException(f + ": kad-id must not be 0");
      }
      try {
        return new Kad4Identity(kadId, Integer.parseUnsignedInt(key.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(f + ": udp-key-secret is not an unsigned 32-bit number");
      }
    }
    SecureRandom rnd = new SecureRandom();
    KadId id;
    do {
      id = KadId.random(rnd);
    } while (id.isZero());
    Kad4Identity created = new Kad4Identity(id, rnd.nextInt());
    created.write(dataDir);
    return created;
  }

  /** Writes {@code kad4.properties} atomically. */
  public void write(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Properties p = new Properties();
    p.setProperty("kad-id", id.toHex());
    p.setProperty("udp-key-secret", Integer.toUnsignedString(udpKeySecret));
    Path tmp = dataDir.resolve(FILE + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.ISO_8859_1)) {
      p.store(w, "kad4 overlay identity: never reuse an I2P node's KadID");
    }
    try {
      Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
