package io.pekkomule.persistence.index;

import io.pekkomule.persistence.CborSerializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Our publications by {@link Publication#slot()}. Immutable; events make copies. */
public record PublicationsState(Map<String, Publication> publications) implements CborSerializable {
  public static final PublicationsState EMPTY = new PublicationsState(Map.of());

  public PublicationsState {
    publications = Map.copyOf(publications);
  }

  PublicationsState apply(PublicationEvent event) {
    Map<String, Publication> m = new HashMap<>(publications);
    if (event instanceof PublicationEvent.PublicationRegistered e) {
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
    return new PublicationsState(m);
  }
}
