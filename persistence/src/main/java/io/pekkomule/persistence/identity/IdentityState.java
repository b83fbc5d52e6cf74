package io.pekkomule.persistence.identity;

import io.pekkomule.persistence.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * State of the identity entity: the identity (absent before the first start) and the restart
 * history, of which only the last {@link #RECENT_STARTS} start times are kept.
 */
public record IdentityState(Optional<Identity> identity, long startCount, List<Instant> recentStarts)
    implements CborSerializable {
  public static final int RECENT_STARTS = 16;
  public static final IdentityState EMPTY = new IdentityState(Optional.empty(), 0, List.of());

  public IdentityState {
    Objects.requireNonNull(identity, "identity");
    recentStarts = List.copyOf(recentStarts);
  }

  IdentityState apply(IdentityEvent event) {
    if (event instanceof IdentityEvent.IdentityCreated e) {
      Identity id =
          new Identity(e.kadId(), e.udpVerifySecret(), e.createdAt(), e.origin(), Optional.empty(), 1);
      return new IdentityState(Optional.of(id), startCount, recentStarts);
    }
    Identity current = identity.orElseThrow(() -> new IllegalStateException(event + " before IdentityCreated"));
    if (event instanceof IdentityEvent.DestinationKeysStored e) {
      return new IdentityState(Optional.of(current.withDestinationKeys(e.keys())), startCount, recentStarts);
    } else if (event instanceof IdentityEvent.NodeStarted e) {
      List<Instant> starts = new ArrayList<>(recentStarts);
      starts.add(e.at());
      if (starts.size() > RECENT_STARTS) {
        starts = starts.subList(starts.size() - RECENT_STARTS, starts.size());
      }
      return new IdentityState(identity, startCount + 1, starts);
    } else if (event instanceof IdentityEvent.IdentityRotated e) {
      Identity next =
          new Identity(e.kadId(), e.udpVerifySecret(), e.at(), IdentityOrigin.ROTATED,
              Optional.empty(), current.generation() + 1);
      return new IdentityState(Optional.of(next), startCount, recentStarts);
    }
    throw new IllegalArgumentException("unknown event " + event);
  }
}
