package io.pekkomule.protocol.datagram;

import static io.pekkomule.protocol.TestBytes.dest;
import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.crypto.KadObfuscator;
import io.pekkomule.protocol.crypto.Obfuscation.Mode;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.msg.AmuleHelloReq;
import io.pekkomule.protocol.msg.AmuleHelloRes;
import io.pekkomule.protocol.msg.AmuleRes;
import io.pekkomule.protocol.msg.Kad2HelloReq;
import io.pekkomule.protocol.msg.Kad2HelloResAck;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The whole kad4 datagram pipeline, fed with datagrams a real amuled 2.3.3 sent (see AmuleGoldenVectorsTest). */
class AmuleDatagramCodecTest {
  static final KadId PROBE = KadId.fromHex("BBBBBBBB000000000000000000000002");
  static final KadId AMULED_ID = KadId.fromHex("AAAAAAAA000000000000000000000001");
  static final Ipv4UdpEndpoint AMULED = Ipv4UdpEndpoint.of("198.51.100.1", 4672);
  static final Ipv4UdpEndpoint PROBE_AT = Ipv4UdpEndpoint.of("203.0.113.4", 4672);

  static DatagramCodec codec(KadId own, int secret, long seed) {
    Overlay k4 = Overlay.AMULE_KAD4;
    return new DatagramCodec(new KadObfuscator(k4, own, secret, new SplittableRandom(seed)), k4.defaultLimits());
  }

  @Test
  void capturedDatagramsDecodeEndToEnd() throws Exception {
    DatagramCodec probe = codec(PROBE, 0x11223344, 1);
    DatagramCodec.Inbound hello = probe.decode(
        hex("7494d4865d89f7cdac9e5a6baf100aee4c1690123b6c7a5bb6103a8911296392d02b8eee3f98a84e3aab06"), AMULED);
    AmuleHelloRes res = (AmuleHelloRes) hello.message();
    assertEquals(AMULED_ID, res.id());
    assertTrue(res.requestsAck());
    assertEquals(Mode.NODE_ID, hello.obfuscation());

    DatagramCodec.Inbound kres = probe.decode(
        hex("76633f09ba342309428cb8a4e87380b9f27958d240daa5a97ad9d97b621bd73cb83544e434584b1341926d03"
            + "c15783c7696f5396f76a77c8d0326acd"), AMULED);
    assertEquals(new AmuleRes(PROBE, List.of(new KadContact(8, PROBE, PROBE_AT.withTcpPort(4662)))), kres.message());
    assertEquals(Mode.RECEIVER_KEY, kres.obfuscation());
    assertTrue(kres.validReceiverKey());
    assertEquals(TagDialect.PLAIN, kres.dialect());
  }

  @Test
  void handshakeBetweenTwoKad4Codecs() throws Exception {
    DatagramCodec a = codec(PROBE, 0x11223344, 2);
    DatagramCodec b = codec(AMULED_ID, 0x55667788, 3);
    // A: plain HELLO_REQ (no key, no id known yet) → B: HELLO_RES in NodeID mode → A: ACK in receiver-key mode.
    byte[] d1 = a.encode(AmuleHelloReq.of(PROBE, 4662, 8, OptionalInt.empty(), 0), TagDialect.PLAIN, null, 0, AMULED);
    assertEquals(0xE4, d1[0] & 0xFF);
    DatagramCodec.Inbound at1 = b.decode(d1, PROBE_AT);
    assertEquals(Mode.PLAIN, at1.obfuscation());
    byte[] d2 = b.encode(AmuleHelloRes.of(AMULED_ID, 4662, 8, OptionalInt.empty(), 0x04), TagDialect.PLAIN,
        ((AmuleHelloReq) at1.message()).id(), at1.senderVerifyKey(), PROBE_AT);
    DatagramCodec.Inbound at2 = a.decode(d2, AMULED);
    assertEquals(Mode.NODE_ID, at2.obfuscation());
    assertTrue(((AmuleHelloRes) at2.message()).requestsAck());
    byte[] d3 = a.encode(new Kad2HelloResAck(PROBE), TagDialect.PLAIN, null, at2.senderVerifyKey(), AMULED);
    DatagramCodec.Inbound at3 = b.decode(d3, PROBE_AT);
    assertEquals(Mode.RECEIVER_KEY, at3.obfuscation());
    assertTrue(at3.validReceiverKey());
    assertEquals(new Kad2HelloResAck(PROBE), at3.message());
  }

  @Test
  void familiesAndLayoutsDoNotCrossOverlays() {
    DatagramCodec k4 = codec(PROBE, 1, 4);
    I2pEndpoint i2p = new I2pEndpoint(dest(1));
    assertThrows(IllegalArgumentException.class, () -> k4.decode(hex("e460"), i2p));
    assertThrows(IllegalArgumentException.class,
        () -> k4.encode(new Kad2HelloResAck(PROBE), TagDialect.PLAIN, null, 0, i2p));
    // An iMule HELLO has no kad4 form.
    assertThrows(IllegalArgumentException.class,
        () -> k4.encode(Kad2HelloReq.of(new io.pekkomule.protocol.contact.Kad2Contact(8, PROBE, dest(1))),
            TagDialect.PLAIN, null, 0, AMULED));
    DatagramCodec imule = new DatagramCodec(new KadObfuscator(PROBE, 1, new SplittableRandom(5)), io.pekkomule.protocol.Limits.DEFAULT);
    assertThrows(IllegalArgumentException.class,
        () -> imule.encode(AmuleHelloReq.of(PROBE, 1, 8, OptionalInt.empty(), 0), TagDialect.PLAIN, null, 0, i2p));
    DecodeException e = assertThrows(DecodeException.class, () -> imule.decode(hex("e460"), i2p));
    assertEquals(Reason.BAD_HEADER, e.reason());
  }
}
