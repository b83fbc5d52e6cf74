package io.pekkomule.node.kad.routing;

import java.util.List;

/**
 * A snapshot of one leaf zone: its place in the tree, its bin (front = oldest) and its replacement
 * cache (best candidate first).
 *
 * @param index the first {@code level} bits of (own id XOR contact id) shared by all its contacts
 */
public record ZoneView(
    int level,
    long index,
    List<RoutingContact> contacts,
    List<RoutingContact> replacements,
    long nextSmallTimerMillis,
    long nextBigTimerMillis) {}
