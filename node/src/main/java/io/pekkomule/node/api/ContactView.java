package io.pekkomule.node.api;

import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.protocol.KadId;

/**
 * One routing-table or replacement-cache entry.
 *
 * @param b32 the contact's destination as {@code <52 chars>.b32.i2p}
 * @param state endpoint-proof state (seed 004 Lane A)
 * @param type iMule's liveness class 0 (long alive) … 4 (dead)
 * @param verified iMule's "IP verified" flag
 * @param version the contact's Kad version
 * @param ageSeconds seconds since the node first saw the contact
 */
public record ContactView(
    KadId kadId,
    String b32,
    ContactState state,
    int type,
    boolean verified,
    int version,
    long ageSeconds) {}
