package io.pekkomule.protocol.datagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.crypto.KadObfuscator;
import io.pekkomule.protocol.frame.Framing;
import io.pekkomule.protocol.frame.KadPacket;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.Opcode;
import io.pekkomule.protocol.msg.OpcodeCompletenessTest;
import io.pekkomule.protocol.msg.Unknown;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.wire.DecodeException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A seeded, structure-aware mutation fuzzer of the inbound datagram decoder (≥ 10^6 inputs per
 * {@code mvn verify}): no exception but {@link DecodeException} may escape, and no single decode
 * may allocate more than a fixed bound, whatever the input claims.
 */
class DatagramFuzzTest {
  private static final int ITERATIONS = Integer.getInteger("pekkomule.fuzz.iterations", 1_000_000);
  /** Per-decode allocation ceiling: well above any valid datagram's needs, far below a bomb's. */
  private static final long ALLOCATION_BOUND = 1024 * 1024;

  private static final KadId OWN = KadId.fromHex("00112233445566778899AABBCCDDEEFF");
  private static final int OWN_SECRET = 0x5EC2E7;
  private static final int SENDER_HASH = 0x01020304;

  @Test
  void onlyTypedDecodeErrorsEscapeAndAllocationStaysBounded() {
    SplittableRandom rnd = new SplittableRandom(0xF0221L);
    KadObfuscator ours = new KadObfuscator(OWN, OWN_SECRET, rnd.split());
    KadObfuscator peer = new KadObfuscator(KadId.fromHex("FFEEDDCCBBAA99887766554433221100"), 42, rnd.split());
    DatagramCodec codec = new DatagramCodec(ours, Limits.DEFAULT);
    long ourKeyForPeer = ours.verifyKeyFor(SENDER_HASH);

    List<byte[]> frames = new ArrayList<>();
    for (Opcode op : Opcode.values()) {
      KadMessage m = OpcodeCompletenessTest.sample(op);
      frames.add(Framing.encode(new KadPacket(m.opcode(), m.encode(TagDialect.PLAIN))));
      frames.add(Framing.encode(new KadPacket(m.opcode(), m.encode(TagDialect.SERIAL))));
    }
    // a compressible payload, so 0x06 frames are in the corpus
    byte[] big = new byte[4000];
    Arrays.fill(big, (byte) 'a');
    frames.add(Framing.encode(new KadPacket(0x17, big)));

    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Map<DecodeException.Reason, Integer> reasons = new EnumMap<>(DecodeException.Reason.class);
    int accepted = 0;
    int unknown = 0;
    long maxAlloc = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] frame = frames.get(rnd.nextInt(frames.size()));
      byte[] input;
      switch (rnd.nextInt(4)) {
        case 0 -> input = mutate(frame, frames, rnd);
        case 1 -> input = peer.seal(mutate(frame, frames, rnd), OWN, 0, 0x0A0B0C0D);
        case 2 -> input = peer.seal(mutate(frame, frames, rnd), null, ourKeyForPeer, 0x0A0B0C0D);
        default -> input = mutate(peer.seal(frame, OWN, 0, 0x0A0B0C0D), frames, rnd);
      }
      long before = mx.getCurrentThreadAllocatedBytes();
      try {
        DatagramCodec.Inbound in = codec.decode(input, SENDER_HASH);
        accepted++;
        if (in.message() instanceof Unknown) {
          unknown++;
        }
      } catch (DecodeException e) {
        reasons.merge(e.reason(), 1, Integer::sum);
      } catch (RuntimeException | Error e) {
        fail("decoder threw " + e + " on input " + java.util.HexFormat.of().formatHex(input), e);
      }
      maxAlloc = Math.max(maxAlloc, mx.getCurrentThreadAllocatedBytes() - before);
    }
    System.out.printf(
        "fuzz datagrams=%d accepted=%d unknown=%d rejected=%s max_alloc_bytes=%d%n",
        ITERATIONS, accepted, unknown, reasons, maxAlloc);
    assertTrue(maxAlloc <= ALLOCATION_BOUND, "a decode allocated " + maxAlloc + " bytes");
    // the fuzzer must reach both sides: valid decodes and several distinct rejection reasons
    assertTrue(accepted > ITERATIONS / 100, "too few inputs decoded: the mutator is too blunt");
    assertTrue(reasons.size() >= 5, "too few rejection reasons reached: " + reasons.keySet());
  }

  @Test
  void sealedFramesDecodeBackInEveryMode() throws DecodeException {
    SplittableRandom rnd = new SplittableRandom(3);
    KadObfuscator ours = new KadObfuscator(OWN, OWN_SECRET, rnd.split());
    KadId peerId = KadId.fromHex("FFEEDDCCBBAA99887766554433221100");
    int peerHash = 0x0A0B0C0D;
    KadObfuscator peer = new KadObfuscator(peerId, 42, rnd.split());
    DatagramCodec ourCodec = new DatagramCodec(ours, Limits.DEFAULT);
    DatagramCodec peerCodec = new DatagramCodec(peer, Limits.DEFAULT);
    for (Opcode op : Opcode.values()) {
      KadMessage m = OpcodeCompletenessTest.sample(op);
      // request: NodeID mode towards us; response: receiver-key mode with the key we gave the peer
      byte[] request = peerCodec.encode(m, TagDialect.PLAIN, OWN, 0, SENDER_HASH);
      DatagramCodec.Inbound in = ourCodec.decode(request, peerHash);
      assertEquals(m, in.message(), op.name());
      assertEquals(io.pekkomule.protocol.crypto.Obfuscation.Mode.NODE_ID, in.obfuscation());
      long keyWeGave = ours.verifyKeyFor(peerHash);
      byte[] response = peerCodec.encode(m, TagDialect.PLAIN, null, keyWeGave, SENDER_HASH);
      DatagramCodec.Inbound back = ourCodec.decode(response, peerHash);
      assertEquals(m, back.message(), op.name());
      assertTrue(back.validReceiverKey(), op.name());
      byte[] plain = peerCodec.encode(m, TagDialect.PLAIN, null, 0, SENDER_HASH);
      assertEquals(m, ourCodec.decode(plain, peerHash).message(), op.name());
    }
  }

  private static byte[] mutate(byte[] seed, List<byte[]> corpus, SplittableRandom rnd) {
    byte[] b = seed.clone();
    int rounds = 1 + rnd.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      if (b.length == 0) {
        b = new byte[] {(byte) rnd.nextInt(256)};
      }
      switch (rnd.nextInt(8)) {
        case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        case 1 -> b[rnd.nextInt(b.length)] = (byte) INTERESTING[rnd.nextInt(INTERESTING.length)];
        case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        case 3 -> {
          byte[] extra = new byte[1 + rnd.nextInt(64)];
          rnd.nextBytes(extra);
          byte[] out = Arrays.copyOf(b, b.length + extra.length);
          System.arraycopy(extra, 0, out, b.length, extra.length);
          b = out;
        }
        case 4 -> { // stomp a little-endian length/count field
          if (b.length >= 4) {
            int at = rnd.nextInt(b.length - 1);
            int v = INTERESTING_WORDS[rnd.nextInt(INTERESTING_WORDS.length)];
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
          }
        }
        case 5 -> { // splice another corpus entry's tail
          byte[] other = corpus.get(rnd.nextInt(corpus.size()));
          int cut = rnd.nextInt(b.length + 1);
          int from = rnd.nextInt(other.length);
          byte[] out = Arrays.copyOf(b, cut + other.length - from);
          System.arraycopy(other, from, out, cut, other.length - from);
          b = out;
        }
        case 6 -> b[1 % b.length] = (byte) rnd.nextInt(0x24); // another opcode, same body
        default -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
      }
    }
    return b.length > 10_240 ? Arrays.copyOf(b, 10_240) : b;
  }

  private static final int[] INTERESTING = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x19, 0x0B, 0x28, 0x29, 0x0A, 0x89};
  private static final int[] INTERESTING_WORDS = {0, 1, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 404, 0x1FFF};
}
