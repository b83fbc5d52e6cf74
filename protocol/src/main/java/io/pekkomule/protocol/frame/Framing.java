package io.pekkomule.protocol.frame;

import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The Kad frame {@code [protocol byte][opcode][payload]} with iMule's optional zlib packing
 * (spec §5.1, §5.2). Sits between the message codec and the obfuscation layer. The methods without
 * an {@link Overlay} are iMule's; the overlay variants differ only in header bytes and size bounds
 * (aMule packs and inflates exactly like iMule: over 200 bytes, buffer {@code packetLen*10+300}).
 */
public final class Framing {

  /** {@code OP_KADEMLIAHEADER}: plain Kad frame. */
  public static final int PROTO_KAD = 0x05;
  /** {@code OP_KADEMLIAPACKEDPROT}: Kad frame whose payload is a zlib stream. */
  public static final int PROTO_KAD_PACKED = 0x06;
  /** {@code OP_EMULEPROT}: ed2k UDP extension, shares the socket, not ours to parse. */
  public static final int PROTO_ED2K_UDP = 0x04;

  /** Header bytes before the payload (protocol byte, opcode). */
  public static final int HEADER_BYTES = 2;
  /** SAM's datagram limit, which iMule applies to everything it hands to SAM (spec §2). */
  public static final int MAX_DATAGRAM = 10_240;
  /** iMule's {@code UDPPacketMaxDataSize}: the largest (uncompressed) Kad payload (spec §2). */
  public static final int MAX_KAD_PAYLOAD = MAX_DATAGRAM - HEADER_BYTES;
  /** Bytes the obfuscation layer adds in front of a frame (spec §5.3). */
  public static final int OBFUSCATION_OVERHEAD = 16;
  /**
   * The largest frame {@link #encode} produces: what still fits in one datagram after obfuscation
   * (spec §5.3 ⚠). Every frame is sized as if it were going to be obfuscated, so the choice of
   * plain or obfuscated sending can never push a datagram over the SAM limit.
   */
  public static final int MAX_FRAME = MAX_DATAGRAM - OBFUSCATION_OVERHEAD;
  /**
   * Payload budget for message builders that split results: a payload of at most this many bytes
   * always encodes, compressible or not.
   */
  public static final int MAX_PAYLOAD = MAX_FRAME - HEADER_BYTES;
  /** iMule packs only payloads strictly larger than this (KademliaUDPListener SendPacket). */
  public static final int COMPRESSION_THRESHOLD = 200;

  private Framing() {}

  /**
   * Encodes a frame, packing the payload when it is over 200 bytes and zlib makes it strictly
   * smaller (iMule's {@code PackPacket}), and the receiver's inflate bound can hold it.
   *
   * @throws IllegalArgumentException if the payload exceeds {@link #MAX_KAD_PAYLOAD} or the
   *     resulting frame exceeds {@link #MAX_FRAME}; message builders must split before that.
   */
  public static byte[] encode(KadPacket packet) {
    return encode(packet, Overlay.IMULE_I2P);
  }

  /**
   * {@link #encode(KadPacket)} for any overlay: its header bytes, its payload bound and a frame
   * bound of {@code overlay.maxDatagram() - 16}.
   */
  public static byte[] encode(KadPacket packet, Overlay overlay) {
    int maxKadPayload = overlay.maxKadPayload();
    int maxFrame = maxFrame(overlay);
    byte[] payload = packet.payload();
    if (payload.length > maxKadPayload) {
      throw new IllegalArgumentException(
          "Kad payload of " + payload.length + " bytes exceeds " + maxKadPayload);
    }
    int protocol = overlay.kadHeader();
    byte[] body = payload;
    if (payload.length > COMPRESSION_THRESHOLD) {
      byte[] packed = deflate(payload);
      // A ratio above ~10:1 would overflow the receiver's packetLen*10+300 buffer, and iMule
      // drops such packets silently; iMule's own sender does not check, we do.
      if (packed.length < payload.length
          && payload.length <= inflateBound(HEADER_BYTES + packed.length, maxKadPayload)) {
        protocol = overlay.kadPackedHeader();
        body = packed;
      }
    }
    int frameLength = HEADER_BYTES + body.length;
    if (frameLength > maxFrame) {
      throw new IllegalArgumentException(
          "Kad frame of "
              + frameLength
              + " bytes would exceed the "
              + overlay.maxDatagram()
              + "-byte datagram limit once obfuscated; split the message");
    }
    byte[] frame = new byte[frameLength];
    frame[0] = (byte) protocol;
    frame[1] = (byte) packet.opcode();
    System.arraycopy(body, 0, frame, HEADER_BYTES, body.length);
    return frame;
  }

  /**
   * Decodes a frame (after de-obfuscation). Accepts 0x05 and 0x06; inflation is bounded as in
   * iMule ({@code packetLen*10+300} buffer) and never beyond {@link #MAX_KAD_PAYLOAD}.
   *
   * @throws DecodeException {@code TRUNCATED} under 2 bytes, {@code ED2K_UDP} for an ed2k datagram
   *     (protocol 0x04, to be dropped and counted), {@code BAD_HEADER} for any other protocol
   *     byte, {@code OVER_LIMIT} when the payload inflates beyond the bound, {@code
   *     INFLATE_FAILED} for a corrupt or incomplete zlib stream
   */
  public static KadPacket decode(byte[] frame) throws DecodeException {
    return decode(frame, Overlay.IMULE_I2P);
  }

  /**
   * {@link #decode(byte[])} for any overlay: its two Kad header bytes; its ed2k header bytes (kad4:
   * 0xC5, 0xD4, 0xE3) are {@code ED2K_UDP}; inflation bounded by {@code overlay.maxKadPayload()}.
   */
  public static KadPacket decode(byte[] frame, Overlay overlay) throws DecodeException {
    if (frame.length < HEADER_BYTES) {
      throw new DecodeException(Reason.TRUNCATED, frame.length, "Kad frame shorter than 2 bytes");
    }
    int protocol = frame[0] & 0xFF;
    int opcode = frame[1] & 0xFF;
    if (protocol == overlay.kadHeader()) {
      return new KadPacket(opcode, slice(frame, HEADER_BYTES));
    }
    if (protocol == overlay.kadPackedHeader()) {
      return new KadPacket(opcode, inflate(frame, overlay.maxKadPayload()));
    }
    if (overlay.isEd2kHeader(protocol)) {
      throw new DecodeException(Reason.ED2K_UDP, 0, "ed2k UDP datagram on the Kad socket");
    }
    throw new DecodeException(
        Reason.BAD_HEADER, 0, String.format("unknown protocol byte 0x%02X", protocol));
  }

  /** The largest frame {@link #encode(KadPacket, Overlay)} produces for this overlay. */
  public static int maxFrame(Overlay overlay) {
    return overlay.maxDatagram() - OBFUSCATION_OVERHEAD;
  }

  /** Payload budget for message builders that split results, for this overlay. */
  public static int maxPayload(Overlay overlay) {
    return maxFrame(overlay) - HEADER_BYTES;
  }

  /**
   * The most payload bytes iMule's receiver accepts from a packed frame of {@code frameLength}
   * bytes: its buffer is {@code frameLength*10+300} including the 2 header bytes
   * (ClientUDPSocket.cpp), capped here at {@link #MAX_KAD_PAYLOAD}.
   */
  static int inflateBound(int frameLength) {
    return inflateBound(frameLength, MAX_KAD_PAYLOAD);
  }

  static int inflateBound(int frameLength, int maxKadPayload) {
    return (int) Math.min((long) frameLength * 10 + 300 - HEADER_BYTES, maxKadPayload);
  }

  /**
   * One deflater per thread, reset between packets: zlib's output depends only on the level and
   * the input, so this is byte-identical to a fresh {@code compress2} per packet and saves the
   * native set-up (about 256 KB of window and hash tables) of every packed datagram.
   */
  private static final ThreadLocal<Deflater> DEFLATER =
      ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_COMPRESSION)); // zlib, as compress2

  private static byte[] deflate(byte[] payload) {
    Deflater deflater = DEFLATER.get();
    deflater.reset();
    try {
      deflater.setInput(payload);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length);
      byte[] chunk = new byte[Math.max(64, payload.length)];
      while (!deflater.finished()) {
        int n = deflater.deflate(chunk);
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.reset();
    }
  }

  /**
   * Inflates into a buffer one byte larger than the bound, so an over-long stream is detected
   * while inflating and memory stays bounded whatever the stream claims. Bytes after the end of
   * the zlib stream are ignored, as zlib's {@code uncompress} does.
   */
  private static byte[] inflate(byte[] frame, int maxKadPayload) throws DecodeException {
    int limit = inflateBound(frame.length, maxKadPayload);
    int inputLength = frame.length - HEADER_BYTES;
    byte[] out = new byte[limit + 1];
    int produced = 0;
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(frame, HEADER_BYTES, inputLength);
      while (!inflater.finished()) {
        int remainingBefore = inflater.getRemaining();
        int n = inflater.inflate(out, produced, out.length - produced);
        produced += n;
        if (produced > limit) {
          throw new DecodeException(
              Reason.OVER_LIMIT,
              consumed(inflater, inputLength),
              "packed Kad payload inflates beyond " + limit + " bytes");
        }
        if (n == 0 && inflater.getRemaining() == remainingBefore && !inflater.finished()) {
          // No progress: input exhausted before the end of the stream, or a preset dictionary.
          throw new DecodeException(
              Reason.INFLATE_FAILED,
              consumed(inflater, inputLength),
              inflater.needsDictionary() ? "zlib stream needs a dictionary" : "truncated zlib stream");
        }
      }
    } catch (DataFormatException e) {
      throw new DecodeException(
          Reason.INFLATE_FAILED, consumed(inflater, inputLength), "corrupt zlib stream");
    } finally {
      inflater.end();
    }
    return slice(out, 0, produced);
  }

  private static int consumed(Inflater inflater, int inputLength) {
    return HEADER_BYTES + inputLength - inflater.getRemaining();
  }

  private static byte[] slice(byte[] b, int from) {
    return slice(b, from, b.length - from);
  }

  private static byte[] slice(byte[] b, int from, int length) {
    byte[] out = new byte[length];
    System.arraycopy(b, from, out, 0, length);
    return out;
  }
}
