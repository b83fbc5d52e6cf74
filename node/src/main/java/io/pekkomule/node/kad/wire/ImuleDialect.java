package io.pekkomule.node.kad.wire;

import io.pekkomule.node.kad.dispatch.PacketTracker;
import io.pekkomule.node.kad.routing.RoutingActor;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.crypto.KadObfuscator;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.msg.Kad1BootstrapReq;
import io.pekkomule.protocol.msg.Kad1BootstrapRes;
import io.pekkomule.protocol.msg.Kad1HelloReq;
import io.pekkomule.protocol.msg.Kad1HelloRes;
import io.pekkomule.protocol.msg.Kad1Req;
import io.pekkomule.protocol.msg.Kad1Res;
import io.pekkomule.protocol.msg.Kad2BootstrapReq;
import io.pekkomule.protocol.msg.Kad2BootstrapRes;
import io.pekkomule.protocol.msg.Kad2HelloReq;
import io.pekkomule.protocol.msg.Kad2HelloRes;
import io.pekkomule.protocol.msg.Kad2HelloResAck;
import io.pekkomule.protocol.msg.Kad2Ping;
import io.pekkomule.protocol.msg.Kad2Pong;
import io.pekkomule.protocol.msg.Kad2Req;
import io.pekkomule.protocol.msg.Kad2Res;
import io.pekkomule.protocol.msg.KadMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * iMule's dialect: Kad2 and Kad1 over I2P. Message numbers are iMule's own, so the family opcode
 * is the wire opcode. Kad1 contacts enter the table as version 0.
 */
final class ImuleDialect implements KadDialect {
  /** Contacts in BOOTSTRAP_RES (iMule: at most 24 fit a datagram). */
  private static final int BOOTSTRAP_CONTACTS = 24;
  private static final int KAD1_BOOTSTRAP_CONTACTS = 11;
  private static final int KAD1_RES_MAX = 12;

  @Override
  public Overlay overlay() {
    return Overlay.IMULE_I2P;
  }

  @Override
  public DatagramCodec codec(KadIdentity self, SplittableRandom random) {
    return new DatagramCodec(new KadObfuscator(self.id(), self.udpKeySecret(), random),
        Limits.DEFAULT);
  }

  @Override
  public int familyOpcode(KadMessage m) {
    return m.opcode();
  }

  @Override
  public boolean tracksSent(KadMessage m) {
    // a HELLO_RES opens a window only when it asks for the ACK (nothing else answers it)
    return m instanceof Kad2HelloRes h ? h.requestsAck()
        : PacketTracker.isTrackedRequest(m.opcode());
  }

  @Override
  public Inbound inbound(Endpoint from, KadMessage m, InboundMeta meta, KadId selfId) {
    if (m instanceof Kad2HelloReq h) {
      return new Forward(
          new RoutingActor.HelloRequested(from, KadContact.of(h.sender()), false, meta));
    } else if (m instanceof Kad1HelloReq h) {
      return new Forward(
          new RoutingActor.HelloRequested(from, Endpoints.fromKad1(h.sender()), true, meta));
    } else if (m instanceof Kad2HelloRes h) {
      return new Forward(new RoutingActor.HelloAnswered(from, KadContact.of(h.sender()), false,
          h.requestsAck(), meta));
    } else if (m instanceof Kad1HelloRes h) {
      return new Forward(new RoutingActor.HelloAnswered(from, Endpoints.fromKad1(h.sender()),
          true, false, meta));
    } else if (m instanceof Kad2HelloResAck a) {
      return meta.validReceiverKey()
          ? new Forward(new RoutingActor.HelloAcknowledged(from, a.senderId()))
          : new Drop("invalid_key");
    } else if (m instanceof Kad2Req r) {
      return r.receiverId().equals(selfId)
          ? new Forward(new RoutingActor.NodesRequested(from, r.target(), r.requestedContacts(),
              false, meta))
          : new Drop("not_for_us");
    } else if (m instanceof Kad1Req r) {
      return r.receiverId().equals(selfId)
          ? new Forward(new RoutingActor.NodesRequested(from, r.target(), r.requestedContacts(),
              true, meta))
          : new Drop("not_for_us");
    } else if (m instanceof Kad2Res r) {
      return new Forward(new RoutingActor.NodesAnswered(from, r.target(),
          Endpoints.fromKad2(r.contacts()), meta));
    } else if (m instanceof Kad1Res r) {
      return new Forward(new RoutingActor.NodesAnswered(from, r.target(),
          r.contacts().stream().map(Endpoints::fromKad1).toList(), meta));
    } else if (m instanceof Kad2BootstrapReq) {
      return new Forward(new RoutingActor.BootstrapRequested(from, null, meta));
    } else if (m instanceof Kad1BootstrapReq b) {
      return new Forward(
          new RoutingActor.BootstrapRequested(from, Endpoints.fromKad1(b.sender()), meta));
    } else if (m instanceof Kad2BootstrapRes b) {
      KadContact sender = b.senderVersion() <= Kad2Contact.MAX_VERSION
          ? new KadContact(b.senderVersion(), b.senderId(), from) : null;
      return new Forward(new RoutingActor.BootstrapAnswered(from, sender,
          Endpoints.fromKad2(b.contacts()), meta));
    } else if (m instanceof Kad1BootstrapRes b) {
      return new Forward(new RoutingActor.BootstrapAnswered(from, null,
          b.contacts().stream().map(Endpoints::fromKad1).toList(), meta));
    } else if (m instanceof Kad2Ping) {
      return new Forward(new RoutingActor.PacketSeen(from), List.of(new Kad2Pong()));
    } else if (m instanceof Kad2Pong) {
      return new Forward(new RoutingActor.PongReceived(from));
    }
    return new NotRouting();
  }

  @Override
  public KadMessage helloReq(KadIdentity self, boolean kad1) {
    return kad1 ? new Kad1HelloReq(self.kad1Contact()) : Kad2HelloReq.of(self.kad2Contact());
  }

  @Override
  public KadMessage helloRes(KadIdentity self, boolean kad1, boolean ackWanted) {
    return kad1 ? new Kad1HelloRes(self.kad1Contact())
        : Kad2HelloRes.of(self.kad2Contact(), ackWanted);
  }

  @Override
  public KadMessage helloResAck(KadIdentity self) {
    return new Kad2HelloResAck(self.id());
  }

  @Override
  public KadMessage emptyTableHello(KadIdentity self) {
    return new Kad1HelloReq(self.kad1Contact());
  }

  @Override
  public Outgoing nodesRequest(KadIdentity self, KadContact to, KadId target, int count,
      UrgencyClass urgency, Origin origin) {
    if (to.version() < 2) {
      return Outgoing.plain(new Kad1Req(count, target, to.id(), self.id()), to.endpoint(),
          urgency, origin);
    }
    return Outgoing.request(Kad2Req.of(count, target, to.id(), self.id()), to.endpoint(),
        to.id(), to.version(), 0, urgency, origin);
  }

  @Override
  public KadMessage legacyChallenge(KadIdentity self, KadContact to, KadId target) {
    return to.version() < 2
        ? new Kad1Req(Kad2Req.FIND_VALUE, target, to.id(), self.id())
        : Kad2Req.legacyChallenge(target, to.id());
  }

  @Override
  public int nodesResMax(boolean kad1) {
    return kad1 ? KAD1_RES_MAX : Integer.MAX_VALUE;
  }

  @Override
  public KadMessage nodesRes(KadId target, List<KadContact> contacts, boolean kad1) {
    if (kad1) {
      return new Kad1Res(target, contacts.stream().map(Endpoints::toKad1).toList());
    }
    return new Kad2Res(target, Endpoints.toKad2(contacts));
  }

  @Override
  public KadMessage bootstrapReq(KadIdentity self, int peerVersion) {
    return peerVersion < 2 ? new Kad1BootstrapReq(self.kad1Contact()) : new Kad2BootstrapReq();
  }

  @Override
  public int bootstrapResMax(boolean kad1) {
    return kad1 ? KAD1_BOOTSTRAP_CONTACTS : BOOTSTRAP_CONTACTS;
  }

  @Override
  public KadMessage bootstrapRes(KadIdentity self, List<KadContact> contacts, boolean kad1) {
    if (kad1) {
      List<Kad1Contact> out = new ArrayList<>(contacts.size() + 1);
      contacts.forEach(c -> out.add(Endpoints.toKad1(c)));
      out.add(self.kad1Contact()); // iMule: the last entry is the responder
      return new Kad1BootstrapRes(out);
    }
    return new Kad2BootstrapRes(self.id(), self.version(), self.tcpDest(),
        Endpoints.toKad2(contacts));
  }

  @Override
  public KadMessage ping() {
    return new Kad2Ping();
  }

  @Override
  public String toString() {
    return "KadDialect.IMULE";
  }
}
