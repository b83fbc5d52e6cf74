package io.pekkomule.node.transport.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.I2pBase64;
import io.pekkomule.protocol.I2pDestination;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A scripted SAM bridge on loopback: the test reads each command and writes each reply itself. */
final class FakeSamBridge implements AutoCloseable {

  /** A DSA_SHA1/NULL-certificate key pair made of random bytes (the bridge never checks them). */
  record Keys(I2pDestination pub, String pubBase64, String privBase64) {
    static Keys random(Random rnd) {
      byte[] priv = new byte[SamKeys.PRIVATE_BYTES];
      rnd.nextBytes(priv);
      priv[0] |= 1; // a non-zero iMule "IP"
      priv[384] = priv[385] = priv[386] = 0;
      byte[] pub = java.util.Arrays.copyOf(priv, I2pDestination.BYTES);
      I2pDestination d = I2pDestination.of(pub);
      return new Keys(d, d.toBase64(), I2pBase64.encode(priv));
    }
  }

  private final ServerSocket server;
  private final BlockingQueue<Conn> accepted = new LinkedBlockingQueue<>();
  private final Thread acceptor;
  private volatile boolean closed;

  FakeSamBridge() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor =
        new Thread(
            () -> {
              while (!closed) {
                try {
                  accepted.add(new Conn(server.accept()));
                } catch (IOException e) {
                  return;
                }
              }
            },
            "fake-sam-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  Conn next() throws InterruptedException {
    Conn c = accepted.poll(10, TimeUnit.SECONDS);
    assertNotNull(c, "the transport did not connect to the fake SAM bridge within 10 s");
    return c;
  }

  /** Nothing connects within {@code d}. */
  boolean noConnectionWithin(Duration d) throws InterruptedException {
    return accepted.poll(d.toMillis(), TimeUnit.MILLISECONDS) == null;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    Conn c;
    while ((c = accepted.poll()) != null) {
      c.close();
    }
  }

  /** One accepted control connection. */
  static final class Conn implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    String sessionId;

    Conn(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(10_000);
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    String readLine() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new EOFException("transport closed the control connection");
        }
        b.write(c);
      }
      return b.toString(StandardCharsets.ISO_8859_1);
    }

    byte[] readBytes(int n) throws IOException {
      byte[] d = in.readNBytes(n);
      assertEquals(n, d.length, "payload cut short");
      return d;
    }

    /** True when the peer sends nothing within {@code d} (the connection stays usable). */
    boolean silentFor(Duration d) throws IOException {
      socket.setSoTimeout((int) d.toMillis());
      try {
        in.mark(1);
        int c = in.read();
        in.reset();
        return c < 0;
      } catch (SocketTimeoutException e) {
        return true;
      } finally {
        socket.setSoTimeout(10_000);
      }
    }

    void write(String s) throws IOException {
      write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] b) throws IOException {
      out.write(b);
      out.flush();
    }

    /** One {@code DATAGRAM RECEIVED} frame: header line then exactly the payload bytes. */
    static byte[] frame(String fromBase64, byte[] payload) {
      byte[] head =
          ("DATAGRAM RECEIVED DESTINATION=" + fromBase64 + " SIZE=" + payload.length + "\n")
              .getBytes(StandardCharsets.US_ASCII);
      byte[] all = java.util.Arrays.copyOf(head, head.length + payload.length);
      System.arraycopy(payload, 0, all, head.length, payload.length);
      return all;
    }

    String expectHello(String reply) throws IOException {
      assertEquals("HELLO VERSION MIN=3.0 MAX=3.3", readLine());
      write(reply + "\n");
      return reply;
    }

    void expectDestGenerate(Keys k) throws IOException {
      assertEquals("DEST GENERATE SIGNATURE_TYPE=DSA_SHA1", readLine());
      write("DEST REPLY PUB=" + k.pubBase64() + " PRIV=" + k.privBase64() + "\n");
    }

    /** Reads SESSION CREATE, checks our key in it, answers {@code reply}; returns the line. */
    String expectSessionCreate(Keys k, String reply) throws IOException {
      String line = readLine();
      assertTrue(line.startsWith("SESSION CREATE STYLE=DATAGRAM ID="), line);
      sessionId = line.substring("SESSION CREATE STYLE=DATAGRAM ID=".length()).split(" ")[0];
      assertTrue(line.contains(" DESTINATION=" + k.privBase64() + " "), "our private key");
      write(reply + "\n");
      return line;
    }

    /** The whole happy set-up; returns the SESSION CREATE line. */
    String handshake(Keys k, boolean generate) throws IOException {
      expectHello("HELLO REPLY RESULT=OK VERSION=3.1");
      if (generate) {
        expectDestGenerate(k);
      }
      String create =
          expectSessionCreate(k, "SESSION STATUS RESULT=OK DESTINATION=" + k.privBase64());
      assertEquals("NAMING LOOKUP NAME=ME", readLine());
      write("NAMING REPLY RESULT=OK NAME=ME VALUE=" + k.pubBase64() + "\n");
      return create;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
