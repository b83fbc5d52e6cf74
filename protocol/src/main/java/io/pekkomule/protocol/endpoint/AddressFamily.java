package io.pekkomule.protocol.endpoint;

/**
 * The address family of an {@link Endpoint}. Families are never mixed: routing tables, flood
 * tracking, verify keys and bootstrap files are kept per family (seed 004: "keep IPv4 and IPv6
 * transport state separate").
 */
public enum AddressFamily {
  /** An I2P destination (the iMule overlay). */
  I2P,
  /** An IPv4 address with a UDP port (aMule's classic Kad2 overlay, "kad4"). */
  IPV4
}
