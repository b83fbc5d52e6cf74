package io.pekkomule.protocol.endpoint;

import java.util.Objects;

/**
 * What a dialect treats as "the same address" for the one-contact-per-address rule, flood tracking
 * and the publisher-address trust map: iMule's 4-byte destination hash, aMule's IPv4 address. The
 * family is part of the key, so keys of different families never collide.
 *
 * @param value the family's address value as an unsigned 32-bit number (iMule: the destination's
 *     little-endian first word; aMule: the IPv4 address, most significant byte first)
 */
public record AddressKey(AddressFamily family, long value) {
  public AddressKey {
    Objects.requireNonNull(family, "family");
    if (value < 0 || value > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("address key must fit in 32 bits: " + value);
    }
  }

  @Override
  public String toString() {
    return family == AddressFamily.IPV4
        ? "IPV4:" + Ipv4UdpEndpoint.dotted((int) value)
        : String.format("%s:%08X", family, value);
  }
}
