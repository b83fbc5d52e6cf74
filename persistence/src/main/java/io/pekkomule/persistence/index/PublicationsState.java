package io.pekkomule.persistence.index;

import io.pekkomule.persistence.CborSerializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Our publications by {@link Publication#slot()}. Immutable; events make copies. */
public record PublicationsState(Map<String, Publication> publications,
    Map<String, SharedFileRecord> files) implements CborSerializable {
  public static final PublicationsState EMPTY = new PublicationsState(Map.of(), Map.of());

  public PublicationsState {
    publications = Map.copyOf(publications);
    // snapshots written before files were kept have none
    files = files == null ? Map.of() : Map.copyOf(files);
  }

  public PublicationsState(Map<String, Publication> publications) {
    this(publications, Map.of());
  }

  PublicationsState apply(PublicationEvent event) {
    Map<String, Publication> m = new HashMap<>(publications);
    Map<String, SharedFileRecord> f = files;
    if (event instanceof PublicationEvent.FileShared e) {
      f = new HashMap<>(files);
      f.put(e.fileId().toHex(), e.file());
    } else if (event instanceof PublicationEvent.FileUnshared e) {
      f = new HashMap<>(files);
      f.remove(e.fileId().toHex());
      m.values().removeIf(p -> p.fileId().equals(e.fileId()));
    } else if (event instanceof PublicationEvent.PublicationRegistered e) {
      m.put(e.publication().slot(), e.publication());
    } else if (event instanceof PublicationEvent.PublicationPublished e) {
      String slot = Publication.slot(e.kind(), e.target(), e.fileId());
      Publication p = m.get(slot);
      if (p != null) {
        m.put(slot, new Publication(p.kind(), p.target(), p.fileId(), p.registered(),
            Optional.of(e.at()), e.nextRepublish()));
      }
    } else if (event instanceof PublicationEvent.PublicationWithdrawn e) {
      m.remove(Publication.slot(e.kind(), e.target(), e.fileId()));
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
    return new PublicationsState(m, f);
  }
}
