package io.pekkomule.protocol.wire;

import java.util.Arrays;

/** Growable little-endian writer; the encoding twin of {@link WireReader}. */
public final class WireWriter {
  private byte[] buf;
  private int len;

  public WireWriter() {
    this(64);
  }

  public WireWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  public WireWriter u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  public WireWriter u16(int v) {
    ensure(2);
    buf[len++] = (byte) v;
    buf[len++] = (byte) (v >>> 8);
    return this;
  }

  public WireWriter u32(long v) {
    ensure(4);
    buf[len++] = (byte) v;
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 24);
    return this;
  }

  public WireWriter u64(long v) {
    u32(v & 0xFFFFFFFFL);
    return u32(v >>> 32);
  }

  public WireWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  public WireWriter bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  public int size() {
    return len;
  }

  /** Overwrites a previously written u16 (for counts known only after writing entries). */
  public void patchU16(int at, int v) {
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}
