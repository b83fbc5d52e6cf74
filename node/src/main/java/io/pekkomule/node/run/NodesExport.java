package io.pekkomule.node.run;

import io.pekkomule.persistence.buckets.StoredContact;
import io.pekkomule.persistence.identity.Identity;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.contact.FileContact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.files.NodesDat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A nodes.dat v2 (the format iMule writes, spec §14.1) holding this node first and then its
 * verified, not-dead contacts, best first: what another node bootstraps from. Written atomically.
 */
public final class NodesExport {
  /** iMule writes at most 200 contacts. */
  public static final int MAX_CONTACTS = 200;

  private NodesExport() {}

  public static List<FileContact> contacts(Identity identity, I2pDestination own, int version,
      List<StoredContact> bestFirst) {
    List<FileContact> out = new ArrayList<>();
    if (own != null) {
      out.add(new FileContact(new Kad2Contact(version, identity.kadId(), own), 0, 0, true));
    }
    for (StoredContact c : bestFirst) {
      if (out.size() > MAX_CONTACTS) {
        break;
      }
      if (c.verified() && c.type() < StoredContact.TYPE_DEAD) {
        out.add(new FileContact(new Kad2Contact(c.kadVersion(), c.id(), c.dest()), c.udpKey(),
            Integer.toUnsignedLong(c.udpKeyReceivedOn()), true));
      }
    }
    return out;
  }

  /** Writes the file and returns its path. */
  public static Path write(Path file, Identity identity, I2pDestination own, int version,
      List<StoredContact> bestFirst) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    NodesDat.v2(contacts(identity, own, version, bestFirst)).write(file);
    return file;
  }
}
