package io.pekkomule.protocol.endpoint;

import java.util.Optional;

/**
 * Where a Kad node is reached, independent of the overlay: an I2P destination (iMule) or an IPv4
 * address with UDP port (aMule, "kad4"). Routing and lookup code use this type and the keys below
 * without knowing the family; the overlay codecs turn it into wire bytes.
 */
public sealed interface Endpoint permits I2pEndpoint, Ipv4UdpEndpoint {

  AddressFamily family();

  /**
   * The key of the one-contact-per-address rule, of flood tracking and of packet tracking: iMule
   * compares destinations by their 4-byte hash, aMule compares IPv4 addresses (ports ignored).
   */
  AddressKey addressKey();

  /** The prefix of the family's diversity rule (IPv4: /24); empty when the family has none (I2P). */
  Optional<SubnetKey> subnetKey();

  /**
   * The 32-bit value the UDP verify key of this peer is derived from ({@code GetUDPVerifyKey}),
   * as the little-endian int the MD5 input starts with: iMule's destination hash, aMule's IPv4
   * address in network byte order (the first octet is the first MD5 input byte).
   */
  int verifyKeyInput();
}
