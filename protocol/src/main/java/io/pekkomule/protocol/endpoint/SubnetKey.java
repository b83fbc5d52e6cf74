package io.pekkomule.protocol.endpoint;

import java.util.Objects;

/**
 * A network prefix used by a family's diversity rules: aMule admits at most 2 contacts of one IPv4
 * /24 per routing bin (and 10 per /24 in the whole table). iMule has no subnet rule (its "address"
 * is a hash), so I2P endpoints have no subnet key. A future IPv6 family would use /64.
 *
 * @param value the prefix bits, right-aligned (for IPv4 /24: the address shifted right by 8)
 */
public record SubnetKey(AddressFamily family, int prefixLength, long value) {
  public SubnetKey {
    Objects.requireNonNull(family, "family");
    if (prefixLength < 0 || prefixLength > 128) {
      throw new IllegalArgumentException("prefix length " + prefixLength);
    }
  }

  @Override
  public String toString() {
    if (family == AddressFamily.IPV4 && prefixLength <= 32) {
      return Ipv4UdpEndpoint.dotted((int) (value << (32 - prefixLength))) + "/" + prefixLength;
    }
    return String.format("%s:%X/%d", family, value, prefixLength);
  }
}
