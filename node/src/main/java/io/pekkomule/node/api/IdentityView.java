package io.pekkomule.node.api;

import io.pekkomule.persistence.identity.Identity;
import io.pekkomule.protocol.KadId;
import java.util.Objects;

/**
 * The public part of the node identity: KadID and {@code .b32.i2p} address. Never a key or the
 * UDP verify-key secret.
 *
 * @param b32 null while the transport has not created a destination yet
 */
public record IdentityView(KadId kadId, String b32) {
  public IdentityView {
    Objects.requireNonNull(kadId, "kadId");
  }

  public static IdentityView of(Identity identity) {
    return new IdentityView(identity.kadId(), identity.b32().orElse(null));
  }
}
