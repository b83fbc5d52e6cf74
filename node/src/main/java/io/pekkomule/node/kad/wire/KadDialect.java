package io.pekkomule.node.kad.wire;

import io.pekkomule.node.kad.routing.RoutingActor;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.endpoint.AddressFamily;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.msg.KadMessage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The overlay seam of a Kad node: which wire dialect its dispatcher speaks. Everything behind the
 * dispatcher (routing table, bucket actors, lookups, flood and packet tracking, the shaper) works
 * on {@link io.pekkomule.protocol.endpoint.Endpoint} and {@link KadContact} and is shared by every
 * overlay. A dialect supplies, for its one address family:
 *
 * <ul>
 *   <li>the datagram codec (header bytes, opcodes, tag forms, verify-key input);
 *   <li>the translation of decoded messages into the shared routing commands ({@link #inbound});
 *   <li>the messages the routing actor and the lookups send (HELLO, REQ/RES, BOOTSTRAP, PING);
 *   <li>the <em>family opcode</em> of a message: iMule's number for its meaning, which the flood
 *       table, packet tracking and the shaper's rate families key on, whatever number the wire
 *       carries.
 * </ul>
 *
 * <p>One node speaks exactly one dialect, on its own identity (docs/overlays.md, "one identity,
 * one overlay"). {@link #IMULE}: iMule over I2P. {@link #AMULE_KAD4}: aMule's classic Kad2 over
 * IPv4 UDP.
 */
public interface KadDialect {

  /** The overlay this dialect speaks. */
  Overlay overlay();

  /** The only endpoint family this dialect carries. */
  default AddressFamily family() {
    return overlay().addressFamily();
  }

  /** A fresh datagram codec for one node (obfuscation keyed by our id and UDP-key secret). */
  DatagramCodec codec(KadIdentity self, SplittableRandom random);

  // ------------------------------------------------------------------ dispatcher side

  /**
   * iMule's opcode for this message's meaning (0x0F HELLO_REQ, 0x13 RES, …): what the flood table,
   * packet tracking and the shaper's opcode families key on. Messages without an iMule meaning
   * map to 0xFF (never tracked, capped as "other").
   */
  int familyOpcode(KadMessage m);

  /** Whether sending {@code m} opens a packet-tracking window for its response. */
  boolean tracksSent(KadMessage m);

  /** What the dispatcher does with one accepted inbound message. */
  sealed interface Inbound permits Forward, Drop, NotRouting {}

  /**
   * Hand {@code command} to the routing actor; send each of {@code replies} back to the sender
   * first (receiver-key mode with its sender key), as the dispatcher answers PING itself.
   */
  record Forward(RoutingActor.Command command, List<KadMessage> replies) implements Inbound {
    public Forward(RoutingActor.Command command) {
      this(command, List.of());
    }
  }

  /** Silent, delayed drop with this reason label. */
  record Drop(String reason) implements Inbound {}

  /** Not a routing message (searches, publishing, unknown): the next layer's or nobody's. */
  record NotRouting() implements Inbound {}

  /**
   * Adapts a record the shared actors built for the wire of this dialect, just before encoding.
   * The publish builders name tags with iMule's ids; kad4 renames them by meaning ({@link
   * TagNames}). Identity for iMule.
   */
  default KadMessage adaptOutbound(KadMessage m) {
    return m;
  }

  /**
   * {@link #adaptOutbound(KadMessage)} for a message our node {@code self} sends: what the
   * dispatcher calls. A dialect whose wire form needs our own address data (kad4's source
   * publish names our TCP port) overrides this one.
   */
  default KadMessage adaptOutbound(KadMessage m, KadIdentity self) {
    return adaptOutbound(m);
  }

  /**
   * Whether a storing node acknowledges a source publish with iMule's source-count shape of
   * PUBLISH_RES ({@code fileId · total · complete · load}). aMule answers every publish with the
   * key shape ({@code key · load}): on kad4 that is the source acknowledgement.
   */
  default boolean sourceAckHasCounts() {
    return true;
  }

  /**
   * Adapts a decoded record for the shared actors and the index, which name keyword and notes
   * tags with iMule's ids: kad4 renames aMule's ids by meaning. Identity for iMule.
   */
  default KadMessage adaptInbound(KadMessage m) {
    return m;
  }

  /** Translates one decoded message from {@code from} (self: to check a REQ is meant for us). */
  Inbound inbound(Endpoint from, KadMessage m, InboundMeta meta, KadId selfId);

  // ------------------------------------------------------------------ messages we send

  /** Our HELLO_REQ ({@code kad1}: iMule's Kad1 form; null when the dialect has none). */
  KadMessage helloReq(KadIdentity self, boolean kad1);

  /** Our HELLO_RES; {@code ackWanted} asks the requester for a HELLO_RES_ACK. */
  KadMessage helloRes(KadIdentity self, boolean kad1, boolean ackWanted);

  KadMessage helloResAck(KadIdentity self);

  /**
   * What iMule sends to the source of a packet reaching an empty table (a Kad1 HELLO), or null
   * when the dialect sends nothing.
   */
  KadMessage emptyTableHello(KadIdentity self);

  /** A lookup's REQ to {@code to} asking for {@code count} contacts near {@code target}. */
  Outgoing nodesRequest(KadIdentity self, KadContact to, KadId target, int count,
      UrgencyClass urgency, Origin origin);

  /** The legacy challenge REQ (a random target) to a contact of version below 7. */
  KadMessage legacyChallenge(KadIdentity self, KadContact to, KadId target);

  /** How many contacts a RES may carry ({@code kad1}: to a Kad1 REQ). */
  int nodesResMax(boolean kad1);

  KadMessage nodesRes(KadId target, List<KadContact> contacts, boolean kad1);

  KadMessage bootstrapReq(KadIdentity self, int peerVersion);

  /** How many contacts a BOOTSTRAP_RES carries ({@code kad1}: to a Kad1 BOOTSTRAP_REQ). */
  int bootstrapResMax(boolean kad1);

  KadMessage bootstrapRes(KadIdentity self, List<KadContact> contacts, boolean kad1);

  KadMessage ping();

  /** iMule's Kad over I2P: Kad2 and Kad1 messages, 387-byte destinations, header 0x05/0x06. */
  KadDialect IMULE = new ImuleDialect();

  /**
   * aMule's classic Kad2 ("kad4") over IPv4 UDP: header 0xE4/0xE5, 25-byte contacts with UDP and
   * TCP ports, aMule's HELLO/RES/BOOTSTRAP_RES/PONG layouts and tag form, no Kad1.
   */
  KadDialect AMULE_KAD4 = new AmuleKad4Dialect();
}
