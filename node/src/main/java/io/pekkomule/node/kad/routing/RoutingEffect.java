package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;

/** Outputs of {@link RoutingTable#handle}: things the shell must send, start or record. */
public sealed interface RoutingEffect {

  /** A contact entered a bin (directly, or promoted from the replacement cache). */
  record ContactAdded(RoutingContact contact, boolean fromReplacementCache) implements RoutingEffect {}

  /** An existing contact was updated and marked alive. */
  record ContactUpdated(RoutingContact contact, UpdateKind kind) implements RoutingEffect {}

  /** An offered contact or update was not applied. */
  record ContactRefused(KadContact offered, RefusalReason reason) implements RoutingEffect {}

  /** The contact's bin is full and cannot split: it waits in the zone's replacement cache. */
  record CandidateCached(RoutingContact candidate) implements RoutingEffect {}

  record ContactRemoved(RoutingContact contact, RemovalReason reason) implements RoutingEffect {}

  /** The contact proved its endpoint for the first time (or again after a destination change). */
  record ContactVerified(RoutingContact contact) implements RoutingEffect {}

  /** Check before add: prove this endpoint (the shell picks packets by {@code kind}). */
  record Challenge(RoutingContact contact, ChallengeKind kind) implements RoutingEffect {}

  /** Small-timer keep-alive ping of a bin's oldest contact. */
  record SendHello(RoutingContact contact, HelloKind kind) implements RoutingEffect {}

  /** Start a lookup: NODE for {@link LookupPurpose#ZONE_REFRESH}, NODECOMPLETE for self. */
  record StartLookup(KadId target, LookupPurpose purpose) implements RoutingEffect {}

  /** A zone's big timer came within the table-wide refresh gap: try again at the given time. */
  record RefreshDeferred(ZoneKey zone, long retryAtMillis) implements RoutingEffect {}
}
