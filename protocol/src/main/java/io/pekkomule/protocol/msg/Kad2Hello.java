package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.util.OptionalLong;

/**
 * What KADEMLIA2_HELLO_REQ and HELLO_RES share: the sender's contact and a tag list, of which iMule
 * reads only KADMISCOPTIONS (spec §7.2).
 */
public sealed interface Kad2Hello extends KadMessage permits Kad2HelloReq, Kad2HelloRes {
  /** KADMISCOPTIONS bits. iMule ignores the two firewall bits. */
  int MISC_UDP_FIREWALLED = 0x01;

  int MISC_TCP_FIREWALLED = 0x02;
  /** "Please answer with HELLO_RES_ACK"; iMule honours it only from version ≥ 8 senders. */
  int MISC_REQUEST_ACK = 0x04;

  Kad2Contact sender();

  TagList tags();

  /** The first integer KADMISCOPTIONS value, if any. */
  default OptionalLong miscOptions() {
    return tags().intValue(TagName.KADMISCOPTIONS);
  }

  /**
   * Whether any integer KADMISCOPTIONS tag has bit 0x04 set, as iMule's {@code AddContact2} tests
   * it. The version ≥ 8 condition iMule adds is left to the caller.
   */
  default boolean requestsAck() {
    for (Tag t : tags().tags()) {
      if (t instanceof IntTag i
          && i.name() == TagName.KADMISCOPTIONS
          && (i.value() & MISC_REQUEST_ACK) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The tag list of a HELLO_RES asking for an ACK: {@code 01 · 89 58 · 04} in the plain dialect. */
  static TagList ackRequestTags() {
    return TagList.of(new IntTag(TagName.KADMISCOPTIONS, MISC_REQUEST_ACK));
  }
}
