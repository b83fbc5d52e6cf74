package io.pekkomule.protocol.wire;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Bounded little-endian reader over a byte array. Every read checks the remaining length first,
 * so no allocation ever exceeds what the input actually holds: a length field larger than the
 * rest of the buffer is a {@link DecodeException}, not an {@code OutOfMemoryError}.
 */
public final class WireReader {
  private final byte[] buf;
  private final int base;
  private final int end;
  private int pos;

  public WireReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public WireReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new IllegalArgumentException("slice out of range");
    }
    this.buf = buf;
    this.base = offset;
    this.pos = offset;
    this.end = offset + length;
  }

  /** Offset relative to the start of this reader's slice. */
  public int position() {
    return pos - base;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  /** Fails with {@code TRUNCATED} unless at least {@code n} bytes remain. */
  public void require(int n) throws DecodeException {
    if (n < 0 || end - pos < n) {
      throw new DecodeException(
          DecodeException.Reason.TRUNCATED, position(), "need " + n + " bytes, have " + (end - pos));
    }
  }

  public int u8() throws DecodeException {
    require(1);
    return buf[pos++] & 0xFF;
  }

  public int u16() throws DecodeException {
    require(2);
    int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }

  /** Unsigned 32-bit little-endian value in a long. */
  public long u32() throws DecodeException {
    require(4);
    long v =
        (buf[pos] & 0xFFL)
            | (buf[pos + 1] & 0xFFL) << 8
            | (buf[pos + 2] & 0xFFL) << 16
            | (buf[pos + 3] & 0xFFL) << 24;
    pos += 4;
    return v;
  }

  /** 32-bit little-endian value as a Java int (bit pattern preserved). */
  public int i32() throws DecodeException {
    return (int) u32();
  }

  public long u64() throws DecodeException {
    long lo = u32();
    long hi = u32();
    return lo | hi << 32;
  }

  public byte[] bytes(int n) throws DecodeException {
    require(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** {@code n} bytes as an immutable {@link Bytes}, with no second copy. */
  public Bytes byteString(int n) throws DecodeException {
    return Bytes.wrap(bytes(n));
  }

  public void skip(int n) throws DecodeException {
    require(n);
    pos += n;
  }

  /** The rest of the slice, consumed. */
  public byte[] rest() {
    byte[] out = new byte[end - pos];
    System.arraycopy(buf, pos, out, 0, out.length);
    pos = end;
    return out;
  }

  /**
   * A string of {@code n} bytes: UTF-8 when valid, Latin-1 otherwise (iMule's
   * {@code ReadOnlyString} fallback).
   */
  public String string(int n) throws DecodeException {
    require(n);
    String s;
    try {
      s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(buf, pos, n))
              .toString();
    } catch (CharacterCodingException e) {
      s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
    }
    pos += n;
    return s;
  }

  /** Fails with {@code TRAILING_BYTES} unless the slice is fully consumed. */
  public void expectEnd() throws DecodeException {
    if (pos != end) {
      throw new DecodeException(
          DecodeException.Reason.TRAILING_BYTES, position(), (end - pos) + " unexpected bytes");
    }
  }

  /** Mark/reset support for lenient re-parsing (the tag serial quirk). */
  public int mark() {
    return pos;
  }

  public void reset(int mark) {
    if (mark < base || mark > end) {
      throw new IllegalArgumentException("bad mark");
    }
    pos = mark;
  }
}
