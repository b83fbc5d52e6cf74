package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;

/** Inputs of {@link RoutingTable#handle}; time always comes from the table's clock. */
public sealed interface RoutingEvent {

  /**
   * A contact was heard of or heard from (iMule's {@code RoutingZone::Add}).
   *
   * @param udpKey the verify key the peer sent us ({@link UdpKey#EMPTY} when none)
   * @param verified whether the endpoint is already proven (nodes.dat flag, valid receiver key…)
   */
  record ContactSeen(KadContact contact, UdpKey udpKey, boolean verified, ContactSource source)
      implements RoutingEvent {}

  /** The endpoint answered a challenge (HELLO_RES_ACK, PONG, legacy RES): iMule's VerifyContact. */
  record ContactVerified(KadId id, Endpoint dest) implements RoutingEvent {}

  /** Remove a contact now (e.g. it misbehaved); a replacement candidate takes its slot. */
  record RemoveContact(KadId id) implements RoutingEvent {}

  /** nodes.dat held no verified contact: iMule then marks every contact verified. */
  record MarkAllVerified() implements RoutingEvent {}

  /** Any Kad packet arrived; feeds the "no packet for 15 min" override of the big timer. */
  record PacketReceived() implements RoutingEvent {}

  /**
   * Run whatever is due: challenge expiry, self lookup, per-zone big and small timers,
   * consolidation. The shell sends one about every second (iMule's {@code Process}).
   */
  record Tick() implements RoutingEvent {}

  /**
   * iMule's {@code OnSmallTimer} for one leaf zone, now (external zone timers only): remove its
   * dead contacts and ping or rotate the oldest. Ignored when the zone is no longer a leaf.
   */
  record ZoneSmallTimer(ZoneKey zone) implements RoutingEvent {}

  /**
   * iMule's per-zone big timer, now (external zone timers only): refresh the zone with a NODE
   * lookup for a random id inside it, if it wants one and the table-wide 10 s gap allows; else
   * {@link RoutingEffect.RefreshDeferred}.
   */
  record ZoneBigTimer(ZoneKey zone) implements RoutingEvent {}
}
