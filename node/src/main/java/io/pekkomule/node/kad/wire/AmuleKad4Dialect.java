package io.pekkomule.node.kad.wire;

import io.pekkomule.node.kad.dispatch.PacketTracker;
import io.pekkomule.node.kad.routing.RoutingActor;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.crypto.KadObfuscator;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.msg.AmuleBootstrapRes;
import io.pekkomule.protocol.msg.AmuleFirewalledAck;
import io.pekkomule.protocol.msg.AmuleFirewalledReq;
import io.pekkomule.protocol.msg.AmuleFirewalledRes;
import io.pekkomule.protocol.msg.AmuleHello;
import io.pekkomule.protocol.msg.AmuleHelloReq;
import io.pekkomule.protocol.msg.AmuleHelloRes;
import io.pekkomule.protocol.msg.AmulePong;
import io.pekkomule.protocol.msg.AmuleRes;
import io.pekkomule.protocol.msg.Kad2BootstrapReq;
import io.pekkomule.protocol.msg.Kad2Firewalled2Req;
import io.pekkomule.protocol.msg.Kad2HelloResAck;
import io.pekkomule.protocol.msg.Kad2Ping;
import io.pekkomule.protocol.msg.Kad2PublishKeyReq;
import io.pekkomule.protocol.msg.Kad2PublishNotesReq;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import io.pekkomule.protocol.msg.Kad2PublishSourceReq;
import io.pekkomule.protocol.msg.Kad2SearchKeyReq;
import io.pekkomule.protocol.msg.Kad2SearchRes;
import io.pekkomule.protocol.msg.TaggedEntry;
import io.pekkomule.protocol.msg.Kad2Req;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.Unknown;
import io.pekkomule.protocol.tag.AmuleTagName;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * aMule's classic Kad2 ("kad4") over IPv4 UDP, translated to the same routing commands as iMule's
 * dialect. Differences handled here and nowhere else:
 *
 * <ul>
 *   <li>HELLO carries id · TCP port · version · tags; the sender's address is the datagram's (its
 *       UDP port too, unless a SOURCEUPORT tag names another); KADMISCOPTIONS 0x04 asks for the ACK;
 *   <li>RES and BOOTSTRAP_RES carry 25-byte IPv4 contacts; contacts aMule would not add (version
 *       ≤ 1, a reserved address, UDP port 0 or 53) are dropped before routing sees them
 *       ({@link Kad4Rules});
 *   <li>PONG carries the UDP port the PING came from; FIREWALLED(2)_REQ is answered with the
 *       address the request came from (FIREWALLED_RES), as aMule answers it;
 *   <li>REQ is 33 bytes (no sender id); there is no Kad1.
 * </ul>
 *
 * <p>The routing table keys a kad4 contact by address and UDP port only: contacts enter it
 * without their TCP port, so a datagram's source and a contact compare equal. Contacts we hand
 * out in RES and BOOTSTRAP_RES therefore carry TCP port 0 (aMule reads and keeps it, Kad does not
 * use it).
 */
final class AmuleKad4Dialect implements KadDialect {
  /** aMule's BOOTSTRAP_RES: at most 20 contacts. */
  private static final int BOOTSTRAP_CONTACTS = 20;
  /** aMule answers a REQ with at most 32 contacts (the count field is masked to 0x1F). */
  private static final int RES_MAX = 32;
  private static final int NO_FAMILY = 0xFF;

  @Override
  public Overlay overlay() {
    return Overlay.AMULE_KAD4;
  }

  @Override
  public DatagramCodec codec(KadIdentity self, SplittableRandom random) {
    return new DatagramCodec(
        new KadObfuscator(Overlay.AMULE_KAD4, self.id(), self.udpKeySecret(), random),
        Overlay.AMULE_KAD4.defaultLimits());
  }

  @Override
  public int familyOpcode(KadMessage m) {
    if (m instanceof AmuleHelloReq) {
      return 0x0F;
    } else if (m instanceof AmuleHelloRes) {
      return 0x10;
    } else if (m instanceof AmuleRes) {
      return 0x13;
    } else if (m instanceof AmuleBootstrapRes) {
      return 0x0E;
    } else if (m instanceof AmulePong) {
      return 0x1F;
    } else if (m instanceof AmuleFirewalledReq) {
      return 0x1D;
    } else if (m instanceof AmuleFirewalledRes || m instanceof AmuleFirewalledAck
        || m instanceof Unknown) {
      return NO_FAMILY;
    }
    // every record both overlays share reports iMule's number for its meaning
    return m.opcode();
  }

  /**
   * The node core names keyword and notes tags with iMule's ids: aMule gets the same meanings
   * under its ids (our PUBLISH_KEY/NOTES, SEARCH_RES served from the index). aMule has no
   * source-count PUBLISH_RES: a source publish is acknowledged with the key shape and the load.
   */
  @Override
  public KadMessage adaptOutbound(KadMessage m) {
    if (m instanceof Kad2PublishKeyReq p) {
      return new Kad2PublishKeyReq(p.keywordId(),
          rename(p.entries(), Overlay.IMULE_I2P, Overlay.AMULE_KAD4));
    } else if (m instanceof Kad2PublishNotesReq n) {
      return new Kad2PublishNotesReq(n.fileId(), n.sourceId(),
          TagNames.rename(n.tags(), Overlay.IMULE_I2P, Overlay.AMULE_KAD4));
    } else if (m instanceof Kad2SearchRes r && !isSourceAnswer(r)) {
      return new Kad2SearchRes(r.senderId(), r.key(),
          rename(r.results(), Overlay.IMULE_I2P, Overlay.AMULE_KAD4));
    } else if (m instanceof Kad2PublishRes p && p.sourceCounts().isPresent()) {
      return Kad2PublishRes.forKey(p.key(), p.load());
    }
    return m;
  }

  /**
   * Our source publish in aMule's form (its {@code CSearch::StorePacket}, STOREFILE, not
   * firewalled): SOURCETYPE 1 (4 for a file over 4 GiB), SOURCEPORT = the TCP port we advertise,
   * FILESIZE (peers of version 2 and up, as the shared builder decided), ENCRYPTION. iMule's
   * FLAGS has no aMule meaning and is left out; the UDP port is the datagram's (aMule adds
   * SOURCEUPORT from it, as it does for its own sources that use their external port). aMule
   * stores a source only when it carries its SOURCETYPE id (0xFF), so the iMule-named form was
   * never stored.
   */
  @Override
  public KadMessage adaptOutbound(KadMessage m, KadIdentity self) {
    if (m instanceof Kad2PublishSourceReq p) {
      List<Tag> tags = new ArrayList<>();
      long size = p.tags().intValue(TagName.FILESIZE).orElse(0);
      tags.add(new IntTag(AmuleTagName.SOURCETYPE, size > 0xFFFF_FFFFL ? 4 : 1));
      tags.add(new IntTag(AmuleTagName.SOURCEPORT, self.tcpPort()));
      if (p.tags().first(TagName.FILESIZE).isPresent()) {
        tags.add(new IntTag(AmuleTagName.FILESIZE, size));
      }
      p.tags().intValue(TagName.ENCRYPTION)
          .ifPresent(e -> tags.add(new IntTag(AmuleTagName.ENCRYPTION, e)));
      return new Kad2PublishSourceReq(p.fileId(), p.sourceId(), new TagList(tags));
    }
    return adaptOutbound(m);
  }

  /** aMule acknowledges a stored source with the key shape of PUBLISH_RES. */
  @Override
  public boolean sourceAckHasCounts() {
    return false;
  }

  /** aMule's keyword and notes tags, renamed to the iMule ids the node core uses. */
  @Override
  public KadMessage adaptInbound(KadMessage m) {
    if (m instanceof Kad2SearchKeyReq s && s.expression().isPresent()) {
      return new Kad2SearchKeyReq(s.keywordId(), s.startPosition(), s.expression()
          .map(e -> TagNames.rename(e, Overlay.AMULE_KAD4, Overlay.IMULE_I2P)));
    } else if (m instanceof Kad2PublishKeyReq p) {
      return new Kad2PublishKeyReq(p.keywordId(),
          rename(p.entries(), Overlay.AMULE_KAD4, Overlay.IMULE_I2P));
    } else if (m instanceof Kad2PublishNotesReq n) {
      return new Kad2PublishNotesReq(n.fileId(), n.sourceId(),
          TagNames.rename(n.tags(), Overlay.AMULE_KAD4, Overlay.IMULE_I2P));
    } else if (m instanceof Kad2SearchRes r && !isSourceAnswer(r)) {
      return new Kad2SearchRes(r.senderId(), r.key(),
          rename(r.results(), Overlay.AMULE_KAD4, Overlay.IMULE_I2P));
    }
    return m;
  }

  /**
   * Source entries carry aMule's address tags (SOURCEIP, SOURCEPORT …) that have no iMule
   * meaning: a SEARCH_RES whose entries name a SOURCETYPE is left as it is.
   */
  private static boolean isSourceAnswer(Kad2SearchRes r) {
    return r.results().stream().anyMatch(e -> e.tags().tags().stream().anyMatch(t ->
        t.name() == io.pekkomule.protocol.tag.AmuleTagName.SOURCETYPE
            || t.name() == io.pekkomule.protocol.tag.TagName.SOURCETYPE));
  }

  private static List<TaggedEntry> rename(List<TaggedEntry> entries, Overlay from, Overlay to) {
    return entries.stream()
        .map(e -> new TaggedEntry(e.id(), TagNames.rename(e.tags(), from, to)))
        .toList();
  }

  @Override
  public boolean tracksSent(KadMessage m) {
    return m instanceof AmuleHelloRes h ? h.requestsAck()
        : PacketTracker.isTrackedRequest(familyOpcode(m));
  }

  @Override
  public Inbound inbound(Endpoint from, KadMessage m, InboundMeta meta, KadId selfId) {
    Ipv4UdpEndpoint src = (Ipv4UdpEndpoint) from;
    if (m instanceof AmuleHelloReq h) {
      return new Forward(new RoutingActor.HelloRequested(from, sender(h, src), false, meta));
    } else if (m instanceof AmuleHelloRes h) {
      // aMule honours the ACK request from version-8 senders only; the routing actor checks it
      return new Forward(new RoutingActor.HelloAnswered(from, sender(h, src), false,
          h.requestsAck(), meta));
    } else if (m instanceof Kad2HelloResAck a) {
      return meta.validReceiverKey()
          ? new Forward(new RoutingActor.HelloAcknowledged(from, a.senderId()))
          : new Drop("invalid_key");
    } else if (m instanceof Kad2Req r) {
      return r.receiverId().equals(selfId)
          ? new Forward(new RoutingActor.NodesRequested(from, r.target(), r.requestedContacts(),
              false, meta))
          : new Drop("not_for_us");
    } else if (m instanceof AmuleRes r) {
      return new Forward(new RoutingActor.NodesAnswered(from, r.target(),
          admissible(r.contacts()), meta));
    } else if (m instanceof Kad2BootstrapReq) {
      return new Forward(new RoutingActor.BootstrapRequested(from, null, meta));
    } else if (m instanceof AmuleBootstrapRes b) {
      KadContact sender = b.senderVersion() >= 2
          ? new KadContact(b.senderVersion(), b.senderId(), routingForm(src)) : null;
      return new Forward(new RoutingActor.BootstrapAnswered(from, sender,
          admissible(b.contacts()), meta));
    } else if (m instanceof Kad2Ping) {
      return new Forward(new RoutingActor.PacketSeen(from),
          List.of(new AmulePong(src.udpPort())));
    } else if (m instanceof AmulePong) {
      return new Forward(new RoutingActor.PongReceived(from));
    } else if (m instanceof Kad2Firewalled2Req || m instanceof AmuleFirewalledReq) {
      // aMule asks which address it is seen from; it answers these itself the same way
      return new Forward(new RoutingActor.PacketSeen(from),
          List.of(new AmuleFirewalledRes(src.address())));
    }
    return new NotRouting();
  }

  private static KadContact sender(AmuleHello h, Ipv4UdpEndpoint src) {
    KadContact c = h.contactFrom(src);
    return new KadContact(c.version(), c.id(), routingForm((Ipv4UdpEndpoint) c.endpoint()));
  }

  /** Address and UDP port: how the routing table keys a kad4 peer. */
  static Ipv4UdpEndpoint routingForm(Ipv4UdpEndpoint e) {
    return e.tcpPort().isEmpty() ? e : new Ipv4UdpEndpoint(e.address(), e.udpPort());
  }

  /** RES / BOOTSTRAP_RES contacts aMule would add, in routing form. */
  static List<KadContact> admissible(List<KadContact> wire) {
    List<KadContact> out = new ArrayList<>(wire.size());
    for (KadContact c : wire) {
      if (Kad4Rules.acceptsWireContact(c)) {
        out.add(new KadContact(c.version(), c.id(),
            routingForm((Ipv4UdpEndpoint) c.endpoint())));
      }
    }
    return out;
  }

  @Override
  public KadMessage helloReq(KadIdentity self, boolean kad1) {
    return kad1 ? null
        : AmuleHelloReq.of(self.id(), self.tcpPort(), self.version(), OptionalInt.empty(), 0);
  }

  @Override
  public KadMessage helloRes(KadIdentity self, boolean kad1, boolean ackWanted) {
    return AmuleHelloRes.of(self.id(), self.tcpPort(), self.version(), OptionalInt.empty(),
        ackWanted ? AmuleHello.MISC_REQUEST_ACK : 0);
  }

  @Override
  public KadMessage helloResAck(KadIdentity self) {
    return new Kad2HelloResAck(self.id());
  }

  @Override
  public KadMessage emptyTableHello(KadIdentity self) {
    return null; // iMule's Kad1 hello to the first packet's sender has no kad4 form
  }

  @Override
  public Outgoing nodesRequest(KadIdentity self, KadContact to, KadId target, int count,
      UrgencyClass urgency, Origin origin) {
    return Outgoing.request(new Kad2Req(count, target, to.id(), Optional.empty()),
        to.endpoint(), to.id(), to.version(), 0, urgency, origin);
  }

  @Override
  public KadMessage legacyChallenge(KadIdentity self, KadContact to, KadId target) {
    return Kad2Req.legacyChallenge(target, to.id());
  }

  @Override
  public int nodesResMax(boolean kad1) {
    return RES_MAX;
  }

  @Override
  public KadMessage nodesRes(KadId target, List<KadContact> contacts, boolean kad1) {
    return new AmuleRes(target, contacts);
  }

  @Override
  public KadMessage bootstrapReq(KadIdentity self, int peerVersion) {
    return new Kad2BootstrapReq();
  }

  @Override
  public int bootstrapResMax(boolean kad1) {
    return BOOTSTRAP_CONTACTS;
  }

  @Override
  public KadMessage bootstrapRes(KadIdentity self, List<KadContact> contacts, boolean kad1) {
    return new AmuleBootstrapRes(self.id(), self.tcpPort(), self.version(), contacts);
  }

  @Override
  public KadMessage ping() {
    return new Kad2Ping();
  }

  @Override
  public String toString() {
    return "KadDialect.AMULE_KAD4";
  }
}
