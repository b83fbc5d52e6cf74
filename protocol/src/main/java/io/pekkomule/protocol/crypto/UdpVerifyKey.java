package io.pekkomule.protocol.crypto;

import org.bouncycastle.crypto.digests.MD5Digest;

/**
 * iMule's per-peer UDP verify key ({@code CPrefs::GetUDPVerifyKey}, spec §4.3): what we send a
 * peer as our sender key, and what a genuine reply from that peer must carry as receiver key.
 */
public final class UdpVerifyKey {

  private UdpVerifyKey() {}

  /**
   * MD5 of {@code peerIpHash} (LE u32) then {@code secret} (LE u32); the four LE words of the
   * digest XORed, reduced mod 0xFFFFFFFE, plus 1. Always in {@code [1, 0xFFFFFFFE]}.
   *
   * @param peerIpHash the peer destination's 4-byte "IP" ({@code I2pDestination.ipHash()})
   * @param secret our persisted random {@code KadUDPKey}
   * @return the key as an unsigned 32-bit value
   */
  public static long compute(int peerIpHash, int secret) {
    byte[] in = new byte[8];
    putLe(in, 0, peerIpHash);
    putLe(in, 4, secret);
    MD5Digest md5 = new MD5Digest();
    md5.update(in, 0, in.length);
    byte[] d = new byte[16];
    md5.doFinal(d, 0);
    int x = leInt(d, 0) ^ leInt(d, 4) ^ leInt(d, 8) ^ leInt(d, 12);
    return Integer.toUnsignedLong(x) % 0xFFFFFFFEL + 1;
  }

  static void putLe(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static int leInt(byte[] b, int off) {
    return (b[off] & 0xFF)
        | (b[off + 1] & 0xFF) << 8
        | (b[off + 2] & 0xFF) << 16
        | (b[off + 3] & 0xFF) << 24;
  }
}
