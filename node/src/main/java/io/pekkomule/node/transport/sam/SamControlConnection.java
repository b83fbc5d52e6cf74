package io.pekkomule.node.transport.sam;

import io.pekkomule.protocol.I2pDestination;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One TCP control connection to a SAM bridge, blocking, used by one reader thread and (for {@code
 * DATAGRAM SEND}) any number of writers. Every reply is parsed strictly; binary payloads are read as
 * exactly {@code SIZE} bytes after their header line.
 */
final class SamControlConnection implements Closeable {
  /** Versions whose datagram commands we implement; the bridge picks one (i2pd: 3.0 or 3.1). */
  static final Set<String> VERSIONS = Set.of("3.0", "3.1", "3.2", "3.3");

  /** Longest line we accept: a SESSION STATUS with a private key is about 930 characters. */
  static final int MAX_LINE = 16 * 1024;

  /**
   * Largest {@code SIZE} we read and discard; beyond it the framing cannot be trusted and the
   * connection is dropped.
   */
  static final int MAX_FRAME = 64 * 1024;

  /** What the reader loop gets from the control socket once the session is up. */
  sealed interface Frame permits Received, Ping, Line {}

  /**
   * A {@code DATAGRAM RECEIVED}; {@code payload} is null when {@code size} exceeded the limit given
   * to {@link #readFrame} (the bytes were skipped).
   */
  record Received(String destination, int size, byte[] payload) implements Frame {}

  /** SAM 3.2 keep-alive; answered with {@code PONG} and the same text. */
  record Ping(String text) implements Frame {}

  /** Any other line (an unsolicited status, say). */
  record Line(SamReply reply) implements Frame {}

  /** A freshly generated key pair ({@code DEST GENERATE}). */
  record GeneratedDestination(I2pDestination pub, String privateBase64) {
    @Override
    public String toString() {
      return "GeneratedDestination[" + pub + "]";
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private SamControlConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
  }

  static SamControlConnection open(String host, int port, Duration connectTimeout)
      throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      s.connect(new InetSocketAddress(host, port), timeoutMillis(connectTimeout));
      return new SamControlConnection(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** {@code HELLO VERSION}; returns the version the bridge chose. */
  String hello(Duration timeout) throws IOException {
    SamReply r = command("HELLO VERSION MIN=3.0 MAX=3.3", timeout).expect("HELLO", "REPLY");
    r.expectOk(false);
    String version = r.require("VERSION");
    if (!VERSIONS.contains(version)) {
      throw new SamRefusedException(
          "VERSION", "SAM bridge chose version " + version + ", we speak 3.0 to 3.3");
    }
    return version;
  }

  /** {@code DEST GENERATE}; the public part must be a 387-byte DSA_SHA1 NULL-certificate one. */
  GeneratedDestination destGenerate(String signatureType, Duration timeout) throws IOException {
    SamReply r =
        command("DEST GENERATE SIGNATURE_TYPE=" + signatureType, timeout).expect("DEST", "REPLY");
    r.expectOk(true);
    String pub = r.require("PUB");
    String priv = r.require("PRIV");
    I2pDestination dest;
    try {
      dest = I2pDestination.fromBase64(pub);
    } catch (IllegalArgumentException e) {
      throw new SamProtocolException(
          "DEST GENERATE SIGNATURE_TYPE="
              + signatureType
              + " gave a destination iMule cannot use ("
              + e.getMessage()
              + ")");
    }
    try {
      if (!SamKeys.publicOf(priv).equals(dest)) {
        throw new SamProtocolException("DEST REPLY: PRIV does not belong to PUB");
      }
    } catch (IllegalArgumentException e) {
      throw new SamProtocolException("DEST REPLY: unusable PRIV: " + e.getMessage());
    }
    return new GeneratedDestination(dest, priv);
  }

  /**
   * {@code SESSION CREATE STYLE=DATAGRAM}; {@code extra} holds {@code HOST}/{@code PORT} for UDP
   * forwarding and the tunnel options, in order.
   */
  void sessionCreate(
      String id, String privateBase64, I2pDestination pub, Map<String, String> extra, Duration timeout)
      throws IOException {
    StringBuilder sb =
        new StringBuilder("SESSION CREATE STYLE=DATAGRAM ID=")
            .append(id)
            .append(" DESTINATION=")
            .append(privateBase64);
    extra.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    SamReply r = command(sb.toString(), timeout).expect("SESSION", "STATUS");
    r.expectOk(false);
    String echoed = r.require("DESTINATION");
    if (!echoed.startsWith(pub.toBase64())) {
      throw new SamProtocolException("SESSION STATUS names another destination than ours");
    }
  }

  /** {@code NAMING LOOKUP NAME=ME} on the session socket: our public destination. */
  I2pDestination namingLookupMe(Duration timeout) throws IOException {
    SamReply r = command("NAMING LOOKUP NAME=ME", timeout).expect("NAMING", "REPLY");
    r.expectOk(false);
    String value = r.require("VALUE");
    try {
      return I2pDestination.fromBase64(value);
    } catch (IllegalArgumentException e) {
      throw new SamProtocolException("NAMING LOOKUP NAME=ME: " + e.getMessage());
    }
  }

  /**
   * Blocks for the next frame of an up session (no timeout). Datagrams larger than {@code
   * maxPayload} are skipped, not buffered.
   */
  Frame readFrame(int maxPayload) throws IOException {
    socket.setSoTimeout(0);
    String line = readLine();
    if (line.equals("PING") || line.startsWith("PING ")) {
      return new Ping(line.substring(4));
    }
    SamReply r = SamReply.parse(line);
    if (!r.is("DATAGRAM", "RECEIVED")) {
      return new Line(r);
    }
    String dest = r.require("DESTINATION");
    String sizeText = r.require("SIZE");
    int size;
    try {
      size = Integer.parseInt(sizeText);
    } catch (NumberFormatException e) {
      throw new SamProtocolException("DATAGRAM RECEIVED with SIZE=" + SamReply.redact(sizeText));
    }
    if (size < 0 || size > MAX_FRAME) {
      throw new SamProtocolException("DATAGRAM RECEIVED with SIZE=" + size + ": framing lost");
    }
    if (size > maxPayload) {
      skipExactly(size);
      return new Received(dest, size, null);
    }
    return new Received(dest, size, readExactly(size));
  }

  /** Writes one {@code DATAGRAM SEND} frame; callers serialize through this connection. */
  synchronized void sendDatagram(String destinationBase64, byte[] payload) throws IOException {
    out.write(header(destinationBase64, payload.length));
    out.write(payload);
    out.flush();
  }

  /** Writes a line (for PONG and such). */
  synchronized void writeLine(String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** The {@code DATAGRAM SEND} header line, newline included. */
  static byte[] header(String destinationBase64, int size) {
    return ("DATAGRAM SEND DESTINATION=" + destinationBase64 + " SIZE=" + size + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private SamReply command(String line, Duration timeout) throws IOException {
    socket.setSoTimeout(timeoutMillis(timeout));
    synchronized (this) {
      out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    try {
      return SamReply.parse(readLine());
    } catch (SocketTimeoutException e) {
      String verb = line.substring(0, line.indexOf(' ', line.indexOf(' ') + 1));
      throw new SamProtocolException("no reply to " + verb + " within " + timeout);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("SAM bridge closed the connection");
      }
      if (b == '\n') {
        break;
      }
      if (buf.size() >= MAX_LINE) {
        throw new SamProtocolException("SAM line longer than " + MAX_LINE + " bytes");
      }
      buf.write(b);
    }
    String s = buf.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private byte[] readExactly(int n) throws IOException {
    byte[] data = in.readNBytes(n);
    if (data.length != n) {
      throw new EOFException("SAM bridge closed the connection inside a datagram");
    }
    return data;
  }

  private void skipExactly(int n) throws IOException {
    byte[] scratch = new byte[Math.min(n, 8192)];
    int left = n;
    while (left > 0) {
      int r = in.read(scratch, 0, Math.min(left, scratch.length));
      if (r < 0) {
        throw new EOFException("SAM bridge closed the connection inside a datagram");
      }
      left -= r;
    }
  }

  private static int timeoutMillis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing: nothing left to do
    }
  }
}
