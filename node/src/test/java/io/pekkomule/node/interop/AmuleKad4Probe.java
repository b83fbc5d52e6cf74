package io.pekkomule.node.interop;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.crypto.KadObfuscator;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.msg.AmuleFirewalledRes;
import io.pekkomule.protocol.msg.AmuleHelloReq;
import io.pekkomule.protocol.msg.AmuleHelloRes;
import io.pekkomule.protocol.msg.AmulePong;
import io.pekkomule.protocol.msg.AmuleRes;
import io.pekkomule.protocol.msg.Kad2Firewalled2Req;
import io.pekkomule.protocol.msg.Kad2HelloResAck;
import io.pekkomule.protocol.msg.Kad2Ping;
import io.pekkomule.protocol.msg.Kad2Req;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.Messages;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.wire.DecodeException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A minimal kad4 peer built only from the protocol module's codec, run inside the interop network
 * namespace by {@link AmuleKad4InteropTest} (a JVM cannot enter a namespace, so the test starts
 * this class with {@code ip netns exec}). It introduces itself to a real amuled with a plain
 * HELLO_REQ, completes the three-way handshake with an obfuscated HELLO_RES_ACK, answers amuled's
 * PING / FIREWALLED2_REQ / REQ, and asks amuled for the nodes closest to its own id until amuled's
 * RES lists it, i.e. until amuled has verified it. Prints one line per datagram and a last line
 * {@code RESULT PASS|FAIL opcodes=<sequence>}; exits 0 on PASS.
 *
 * <p>usage: {@code AmuleKad4Probe bindIp udpPort tcpPort ownIdHex peerIp peerUdpPort seconds}
 */
public final class AmuleKad4Probe {
  private static final Overlay K4 = Overlay.AMULE_KAD4;

  private final DatagramSocket socket;
  private final DatagramCodec codec;
  private final KadId ownId;
  private final int tcpPort;
  private final Ipv4UdpEndpoint peer;
  private final List<String> sequence = new ArrayList<>();
  private KadId peerId;
  private long peerKey;
  private boolean acked;
  private boolean listed;

  private AmuleKad4Probe(DatagramSocket socket, KadId ownId, int tcpPort, Ipv4UdpEndpoint peer) {
    SecureRandom rnd = new SecureRandom();
    this.socket = socket;
    this.codec = new DatagramCodec(new KadObfuscator(K4, ownId, rnd.nextInt(), rnd), K4.defaultLimits());
    this.ownId = ownId;
    this.tcpPort = tcpPort;
    this.peer = peer;
  }

  public static void main(String[] args) throws Exception {
    String bindIp = args[0];
    int udp = Integer.parseInt(args[1]);
    int tcp = Integer.parseInt(args[2]);
    KadId own = KadId.fromHex(args[3]);
    Ipv4UdpEndpoint peer = Ipv4UdpEndpoint.of(args[4], Integer.parseInt(args[5]));
    long deadline = System.nanoTime() + Long.parseLong(args[6]) * 1_000_000_000L;
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(bindIp, udp))) {
      s.setSoTimeout(250);
      AmuleKad4Probe probe = new AmuleKad4Probe(s, own, tcp, peer);
      boolean pass = probe.run(deadline);
      System.out.println("RESULT " + (pass ? "PASS" : "FAIL") + " opcodes=" + String.join(",", probe.sequence));
      System.exit(pass ? 0 : 1);
    }
  }

  private boolean run(long deadline) throws IOException {
    // First contact: plain, no id and no key known (aMule then asks for the ACK).
    send(AmuleHelloReq.of(ownId, tcpPort, AmuleHelloRes.AMULE_VERSION, OptionalInt.empty(), 0), null, 0, peer);
    long nextRound = 0;
    int rounds = 0;
    byte[] buf = new byte[65_535];
    while (System.nanoTime() < deadline && !listed) {
      if (acked && System.nanoTime() >= nextRound && rounds < 3) {
        // aMule returns only contacts of type ≤ 2 in a RES: a second HELLO refreshes our entry
        // from "new" (3) to "alive" (2). Stay within aMule's 3 HELLO_REQ per minute.
        if (rounds > 0) {
          send(AmuleHelloReq.of(ownId, tcpPort, AmuleHelloRes.AMULE_VERSION, OptionalInt.empty(), 0), peerId, peerKey, peer);
        }
        send(new Kad2Req(Kad2Req.FIND_NODE, ownId, peerId, Optional.empty()), peerId, peerKey, peer);
        rounds++;
        nextRound = System.nanoTime() + 3_000_000_000L;
      }
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      }
      byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
      Ipv4UdpEndpoint from = Ipv4UdpEndpoint.fromSocketAddress((InetSocketAddress) p.getSocketAddress());
      DatagramCodec.Inbound in;
      try {
        in = codec.decode(data, from);
      } catch (DecodeException e) {
        System.out.println("<< " + from + " undecodable " + e.reason() + ": " + HexFormat.of().formatHex(data));
        sequence.add("<<??");
        continue;
      }
      handle(in, from);
    }
    return listed && acked;
  }

  private void handle(DatagramCodec.Inbound in, Ipv4UdpEndpoint from) throws IOException {
    KadMessage m = in.message();
    int op = Messages.opcodeOf(K4, m);
    sequence.add(String.format("<<%02X", op));
    System.out.printf(
        "<< %s 0x%02X %s [%s, senderKey=%08X, validReceiverKey=%s]%n",
        from, op, m, in.obfuscation(), in.senderVerifyKey(), in.validReceiverKey());
    if (in.senderVerifyKey() != 0) {
      peerKey = in.senderVerifyKey();
    }
    if (m instanceof AmuleHelloRes res) {
      peerId = res.id();
      if (res.requestsAck() && res.version() >= 8) {
        // Must travel in receiver-key mode with the key amuled just gave us.
        send(new Kad2HelloResAck(ownId), null, in.senderVerifyKey(), from);
        acked = true;
      } else if (!acked) {
        acked = true; // already verified from an earlier run: nothing to acknowledge
      }
    } else if (m instanceof AmuleHelloReq req) {
      send(io.pekkomule.protocol.msg.AmuleHelloRes.of(ownId, tcpPort, 8, OptionalInt.empty(), 0), req.id(), in.senderVerifyKey(), from);
    } else if (m instanceof Kad2Ping) {
      send(new AmulePong(from.udpPort()), null, in.senderVerifyKey(), from);
    } else if (m instanceof Kad2Firewalled2Req) {
      send(new AmuleFirewalledRes(from.address()), null, in.senderVerifyKey(), from);
    } else if (m instanceof Kad2Req req) {
      send(new AmuleRes(req.target(), List.of()), null, in.senderVerifyKey(), from);
    } else if (m instanceof AmuleRes res) {
      for (KadContact c : res.contacts()) {
        System.out.println("   contact " + c.id() + " " + c.endpoint() + " v" + c.version());
        if (c.id().equals(ownId)) {
          listed = true;
        }
      }
    }
  }

  private void send(KadMessage m, KadId receiverId, long receiverKey, Ipv4UdpEndpoint to) throws IOException {
    byte[] d = codec.encode(m, TagDialect.PLAIN, receiverId, receiverKey, to);
    socket.send(new DatagramPacket(d, d.length, to.toSocketAddress()));
    int op = Messages.opcodeOf(K4, m);
    sequence.add(String.format(">>%02X", op));
    String mode = receiverId != null ? "NODE_ID" : receiverKey != 0 ? "RECEIVER_KEY" : "PLAIN";
    System.out.printf(">> %s 0x%02X %s [%s] %s%n", to, op, m, mode, HexFormat.of().formatHex(d));
  }
}
