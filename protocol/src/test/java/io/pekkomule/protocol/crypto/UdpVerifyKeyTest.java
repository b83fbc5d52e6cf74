package io.pekkomule.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class UdpVerifyKeyTest {

  /**
   * Produced once with protocol/src/test/python/frame_vectors.py (python hashlib.md5 over
   * struct.pack('<II', ipHash, secret), XOR of the four LE words, % 0xFFFFFFFE + 1).
   */
  @Test
  void independentVectors() {
    assertEquals(0x0D05F875L, UdpVerifyKey.compute(0, 0));
    assertEquals(0x0E701530L, UdpVerifyKey.compute(1, 2));
    assertEquals(0x6515474DL, UdpVerifyKey.compute(0x12345678, 0x9ABCDEF0));
    assertEquals(0xFDA86ED6L, UdpVerifyKey.compute(0xFFFFFFFF, 0xFFFFFFFF));
    assertEquals(0x4FBFC850L, UdpVerifyKey.compute(0xDEADBEEF, 0x00C0FFEE));
  }

  @Test
  void peerHashComesFirst() {
    assertNotEquals(UdpVerifyKey.compute(1, 2), UdpVerifyKey.compute(2, 1));
  }

  @Property(tries = 2000)
  void alwaysInOneToFffffffe(@ForAll int peerIpHash, @ForAll int secret) {
    long key = UdpVerifyKey.compute(peerIpHash, secret);
    assertTrue(key >= 1 && key <= 0xFFFFFFFEL, Long.toHexString(key));
  }

  @Test
  void obfuscatorIssuesTheSameKey() {
    SplittableRandom rnd = new SplittableRandom(1);
    KadObfuscator node = new KadObfuscator(KadId.random(rnd), 0x9ABCDEF0, rnd);
    assertEquals(0x6515474DL, node.verifyKeyFor(0x12345678));
  }
}
