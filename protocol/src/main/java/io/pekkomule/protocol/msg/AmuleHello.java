package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.tag.AmuleTagName;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagList;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What kad4 HELLO_REQ (0x11) and HELLO_RES (0x19) share: {@code UInt128 id · u16 tcpPort · u8
 * version · TagList} (aMule {@code SendMyDetails}). Unlike iMule's HELLO there is no address in the
 * payload: aMule takes the sender's IP and UDP port from the datagram, the UDP port overridden by a
 * non-zero SOURCEUPORT tag (the sender's internal Kad port), and reads KADMISCOPTIONS.
 */
public sealed interface AmuleHello extends KadMessage permits AmuleHelloReq, AmuleHelloRes {
  /** KADMISCOPTIONS bits ({@code SendMyDetails}). */
  int MISC_UDP_FIREWALLED = 0x01;

  int MISC_TCP_FIREWALLED = 0x02;
  /** "Please answer with HELLO_RES_ACK"; aMule honours it from version ≥ 8 senders only. */
  int MISC_REQUEST_ACK = 0x04;

  /** The Kad version aMule 2.3.3 advertises ({@code KADEMLIA_VERSION}). */
  int AMULE_VERSION = 0x08;

  KadId id();

  int tcpPort();

  int version();

  TagList tags();

  /**
   * The KADMISCOPTIONS value as aMule's {@code AddContact2} applies it: the last integer tag with
   * a non-zero value wins for the firewall bits; 0 when there is none.
   */
  default int miscOptions() {
    int v = 0;
    for (Tag t : tags().tags()) {
      if (t instanceof IntTag i && i.name() == AmuleTagName.KADMISCOPTIONS && i.value() != 0) {
        v = (int) i.value();
      }
    }
    return v;
  }

  /** Whether any integer KADMISCOPTIONS tag has bit 0x04 (the caller adds aMule's version ≥ 8). */
  default boolean requestsAck() {
    for (Tag t : tags().tags()) {
      if (t instanceof IntTag i
          && i.name() == AmuleTagName.KADMISCOPTIONS
          && (i.value() & MISC_REQUEST_ACK) != 0) {
        return true;
      }
    }
    return false;
  }

  /** aMule does not add (or update) a UDP-firewalled sender to its routing table. */
  default boolean udpFirewalled() {
    return (miscOptions() & MISC_UDP_FIREWALLED) != 0;
  }

  default boolean tcpFirewalled() {
    return (miscOptions() & MISC_TCP_FIREWALLED) != 0;
  }

  /** The last integer SOURCEUPORT whose low 16 bits are non-zero, as aMule reads it. */
  default OptionalInt internalUdpPort() {
    OptionalInt port = OptionalInt.empty();
    for (Tag t : tags().tags()) {
      if (t instanceof IntTag i && i.name() == AmuleTagName.SOURCEUPORT && (i.value() & 0xFFFF) != 0) {
        port = OptionalInt.of((int) (i.value() & 0xFFFF));
      }
    }
    return port;
  }

  /**
   * The sender as a routing contact: the datagram's address, its UDP port unless SOURCEUPORT names
   * another, and the TCP port and version from the payload.
   */
  default KadContact contactFrom(Ipv4UdpEndpoint datagramSource) {
    int udp = internalUdpPort().orElse(datagramSource.udpPort());
    return new KadContact(
        version(), id(), new Ipv4UdpEndpoint(datagramSource.address(), udp, tcpPort()));
  }

  /**
   * The tag list aMule's {@code SendMyDetails} builds: SOURCEUPORT first (when the internal port is
   * given), then KADMISCOPTIONS (when non-zero).
   */
  static TagList detailsTags(OptionalInt internalUdpPort, int miscOptions) {
    List<Tag> tags = new ArrayList<>(2);
    internalUdpPort.ifPresent(p -> tags.add(new IntTag(AmuleTagName.SOURCEUPORT, p)));
    if (miscOptions != 0) {
      tags.add(new IntTag(AmuleTagName.KADMISCOPTIONS, miscOptions));
    }
    return new TagList(tags);
  }

  static void check(KadId id, int tcpPort, int version, TagList tags) {
    java.util.Objects.requireNonNull(id, "id");
    Codec.u16(tcpPort, "tcpPort");
    if (version < 1 || version > 255) {
      throw new IllegalArgumentException("HELLO version must be 1..255 (aMule rejects 0): " + version);
    }
    java.util.Objects.requireNonNull(tags, "tags");
  }
}
