package io.pekkomule.node.transport.sam;

import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.QueuedI2pTransport;
import io.pekkomule.node.transport.TransportHealth;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import io.pekkomule.node.transport.sam.SamConfig.Datagrams;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repliable I2P datagrams through a SAM v3 bridge (i2pd or Java I2P): one {@code STYLE=DATAGRAM}
 * session on a 387-byte DSA_SHA1 destination, re-created with the same destination whenever it is
 * lost, after a jittered, bounded backoff.
 *
 * <p>Threads (daemon, independent of Pekko): {@code sam-session} connects, creates the session
 * and then reads the control socket until it fails; {@code sam-out} drains the small outbound
 * buffer while the session is up; {@code sam-in} hands received datagrams to the callback from a
 * bounded queue (100, the oldest dropped when full, as iMule does); {@code sam-udp} reads the
 * forwarded datagrams in {@link Datagrams#UDP} mode.
 *
 * <p>The private destination is never logged; get it from {@link #privateKeyBase64()} to store it.
 */
public final class SamDatagramTransport extends QueuedI2pTransport {
  private static final Logger log = LoggerFactory.getLogger(SamDatagramTransport.class);

  private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** Length of the {@code DATAGRAM SEND} header line for a 516-character destination. */
  private static int controlHeaderBytes(int size) {
    return "DATAGRAM SEND DESTINATION= SIZE=\n".length()
        + I2pDestination.BASE64_LENGTH
        + Integer.toString(size).length();
  }

  private final SamConfig config;
  private final RandomGenerator random;
  private final SecureRandom idRandom = new SecureRandom();

  private final CompletableFuture<I2pDestination> firstUp = new CompletableFuture<>();

  private volatile String privateKey;
  private volatile I2pDestination ownDestination;
  private volatile boolean started;
  private volatile boolean gaveUp;
  private volatile SamControlConnection connection;
  private volatile String sessionId;
  private volatile String version;
  private volatile Duration lastSessionCreate;
  private volatile Duration lastSetup;
  private volatile DatagramSocket udp;
  private volatile InetSocketAddress routerUdp;

  /**
   * @param privateKeyBase64 the stored private destination, or empty to have the router generate
   *     one ({@code DEST GENERATE}); read it back with {@link #privateKeyBase64()} to store it
   * @param random for the reconnect jitter
   * @param clock for the age of buffered outbound datagrams and receive timestamps
   * @throws IllegalArgumentException when the given key is not a DSA_SHA1/NULL-certificate one
   */
  public SamDatagramTransport(
      SamConfig config,
      Optional<String> privateKeyBase64,
      MeterRegistry registry,
      RandomGenerator random,
      Clock clock) {
    super(registry, clock, config.outboundBuffer(), config.inboundQueue(),
        config.outboundMaxAge());
    this.config = config;
    this.random = random;
    privateKeyBase64.ifPresent(
        k -> {
          this.ownDestination = SamKeys.publicOf(k);
          this.privateKey = k;
        });
  }

  public SamDatagramTransport(
      SamConfig config, Optional<String> privateKeyBase64, MeterRegistry registry) {
    this(config, privateKeyBase64, registry, RandomGenerator.getDefault(), Clock.systemUTC());
  }

  @Override
  public CompletionStage<I2pDestination> start(Consumer<InboundDatagram> inbound) {
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("already started");
      }
      started = true;
    }
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("closed"));
    }
    this.inbound = inbound;
    if (config.datagrams() == Datagrams.UDP) {
      try {
        DatagramSocket s =
            new DatagramSocket(new InetSocketAddress(config.forwardHost(), config.forwardPort()));
        s.setReceiveBufferSize(1 << 20);
        udp = s;
        routerUdp = new InetSocketAddress(config.host(), config.udpPort());
        if (routerUdp.isUnresolved()) {
          s.close();
          return CompletableFuture.failedFuture(
              new IOException("cannot resolve SAM host " + config.host()));
        }
      } catch (IOException e) {
        return CompletableFuture.failedFuture(
            new IOException(
                "cannot bind the UDP forward socket "
                    + config.forwardHost()
                    + ":"
                    + config.forwardPort()
                    + ": "
                    + e.getMessage(),
                e));
      }
      spawn("sam-udp", this::udpLoop);
    }
    spawn("sam-in", this::dispatchLoop);
    spawn("sam-out", this::writeLoop);
    spawn("sam-session", this::sessionLoop);
    return firstUp.copy();
  }

  @Override
  public Optional<I2pDestination> ownDestination() {
    return Optional.ofNullable(ownDestination);
  }

  /** The private destination in use (given or generated), to be stored; never log it. */
  @Override
  public Optional<String> privateKeyBase64() {
    return Optional.ofNullable(privateKey);
  }

  /** The SAM version the bridge chose for the current or last session. */
  public Optional<String> samVersion() {
    return Optional.ofNullable(version);
  }

  /** How long the last {@code SESSION CREATE} took (i2pd: about 20 s). */
  public Optional<Duration> lastSessionCreateTime() {
    return Optional.ofNullable(lastSessionCreate);
  }

  /** How long the last set-up took, from connecting to the answer of {@code NAMING LOOKUP}. */
  public Optional<Duration> lastSetupTime() {
    return Optional.ofNullable(lastSetup);
  }

  /** The UDP port the router forwards received datagrams to ({@link Datagrams#UDP} mode). */
  public Optional<Integer> forwardPort() {
    DatagramSocket s = udp;
    return s == null ? Optional.empty() : Optional.of(s.getLocalPort());
  }

  @Override
  public TransportHealth health() {
    TransportHealth.State state;
    if (closed) {
      state = TransportHealth.State.CLOSED;
    } else if (isUp()) {
      state = TransportHealth.State.UP;
    } else if (gaveUp) {
      state = TransportHealth.State.FAILED;
    } else if (lastSetup != null) {
      state = TransportHealth.State.DOWN;
    } else {
      state = TransportHealth.State.STARTING;
    }
    return TransportHealth.of("sam", state,
        ownDestination().map(I2pDestination::toB32).orElse(null), config.host() + ":" + config.port(),
        lastSetup == null ? -1 : lastSetup.toMillis(), -1, metrics);
  }

  @Override
  protected boolean send(Endpoint endpoint, byte[] datagram) {
    if (!(endpoint instanceof I2pEndpoint i2p)) {
      log.debug("refused an outbound datagram to a non-I2P endpoint {}", endpoint);
      return false;
    }
    I2pDestination to = i2p.destination();
    if (datagram.length > config.maxDatagramBytes()
        || (config.datagrams() == Datagrams.CONTROL
            && controlHeaderBytes(datagram.length) + datagram.length > config.controlFrameMax())) {
      metrics.datagram(Direction.OUT, Result.OVERSIZE);
      log.debug("refused an outbound datagram of {} bytes: too large", datagram.length);
      return false;
    }
    return enqueueOutbound(to, datagram);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    up = false;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    SamControlConnection c = connection;
    if (c != null) {
      c.close();
    }
    DatagramSocket s = udp;
    if (s != null) {
      s.close();
    }
    stopThreads();
    firstUp.completeExceptionally(new IllegalStateException("SAM transport closed"));
  }

  // ---- session ------------------------------------------------------------------------------

  private void sessionLoop() {
    int failures = 0;
    boolean firstAttempt = true;
    while (!closed) {
      if (!firstAttempt) {
        metrics.reconnect();
      }
      firstAttempt = false;
      SamControlConnection c = null;
      Duration wait = null;
      try {
        long t0 = System.nanoTime();
        c = SamControlConnection.open(config.host(), config.port(), config.connectTimeout());
        connection = c;
        if (closed) {
          break;
        }
        String v = c.hello(config.replyTimeout());
        if (privateKey == null) {
          SamControlConnection.GeneratedDestination g =
              c.destGenerate(config.signatureType(), config.replyTimeout());
          privateKey = g.privateBase64();
          ownDestination = g.pub();
          log.info("SAM bridge generated our destination {}", g.pub().toB32());
        }
        I2pDestination expected = SamKeys.publicOf(privateKey);
        String id = newSessionId();
        long t1 = System.nanoTime();
        c.sessionCreate(
            id, privateKey, expected, sessionOptions(), config.sessionCreateTimeout());
        Duration createTook = Duration.ofNanos(System.nanoTime() - t1);
        I2pDestination me = c.namingLookupMe(config.replyTimeout());
        if (!me.equals(expected)) {
          throw new SamProtocolException(
              "NAMING LOOKUP NAME=ME gave " + me.toB32() + ", not our " + expected.toB32());
        }
        markUp(c, id, v, me, createTook, Duration.ofNanos(System.nanoTime() - t0));
        failures = 0;
        readLoop(c);
      } catch (IOException | RuntimeException e) {
        boolean wasUp = markDown();
        if (closed) {
          break;
        }
        failures++;
        boolean givingUp = config.maxAttempts() > 0 && failures > config.maxAttempts();
        wait = givingUp ? null : config.backoff().delay(failures - 1, random);
        report(e, wasUp, wait);
      } finally {
        if (c != null) {
          c.close();
        }
        connection = null;
      }
      if (closed) {
        break;
      }
      if (wait == null) {
        log.error(
            "SAM transport gives up after {} failed attempts to create a session on {}:{}",
            failures,
            config.host(),
            config.port());
        gaveUp = true;
        firstUp.completeExceptionally(
            new IOException("no SAM session after " + failures + " attempts"));
        break;
      }
      sleepUnlessClosed(wait);
    }
  }

  private Map<String, String> sessionOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    DatagramSocket s = udp;
    if (config.datagrams() == Datagrams.UDP && s != null) {
      m.put("HOST", s.getLocalAddress().getHostAddress());
      m.put("PORT", Integer.toString(s.getLocalPort()));
    }
    m.putAll(config.tunnelOptions());
    return m;
  }

  private String newSessionId() {
    char[] id = new char[12];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[idRandom.nextInt(ID_CHARS.length)];
    }
    return new String(id);
  }

  private void markUp(
      SamControlConnection c,
      String id,
      String v,
      I2pDestination me,
      Duration createTook,
      Duration setupTook) {
    lock.lock();
    try {
      sessionId = id;
      version = v;
      ownDestination = me;
      lastSessionCreate = createTook;
      lastSetup = setupTook;
      metrics.setup(setupTook);
      up = !closed;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    log.info(
        "SAM session up on {}:{} (SAM {}, datagrams over {}) in {} ms (SESSION CREATE {} ms), "
            + "destination {}",
        config.host(),
        config.port(),
        v,
        config.datagrams().name().toLowerCase(java.util.Locale.ROOT),
        setupTook.toMillis(),
        createTook.toMillis(),
        me.toB32());
    firstUp.complete(me);
  }

  private boolean markDown() {
    lock.lock();
    try {
      boolean was = up;
      up = false;
      changed.signalAll();
      return was;
    } finally {
      lock.unlock();
    }
  }

  private void report(Throwable e, boolean wasUp, Duration wait) {
    String where = config.host() + ":" + config.port();
    String next = wait == null ? "" : "; next attempt in " + wait.toMillis() + " ms";
    if (e instanceof SamRefusedException r) {
      String hint =
          switch (r.result()) {
            case "DUPLICATED_DEST" ->
                " (another session uses our destination: a second node with the same key, or our"
                    + " previous session still closing)";
            case "NOVERSION", "VERSION" -> " (the bridge does not speak SAM 3.0 to 3.3)";
            default -> "";
          };
      log.warn("SAM bridge {} refused: {}{}{}", where, r.getMessage(), hint, next);
    } else if (e instanceof SamProtocolException) {
      log.error("SAM bridge {} sent a malformed reply: {}{}", where, e.getMessage(), next);
    } else if (e instanceof EOFException || e instanceof SocketException) {
      log.warn(
          "SAM {} {}: {}{}",
          wasUp ? "session lost on" : "connection failed to",
          where,
          e.getMessage(),
          next);
    } else if (e instanceof IOException) {
      log.warn("SAM connection to {} failed: {}{}", where, e.toString(), next);
    } else {
      log.error("SAM transport on {} failed unexpectedly{}", where, next, e);
    }
  }

  private void readLoop(SamControlConnection c) throws IOException {
    while (!closed) {
      SamControlConnection.Frame f = c.readFrame(config.maxDatagramBytes());
      if (f instanceof SamControlConnection.Received r) {
        received(r.destination(), r.payload());
      } else if (f instanceof SamControlConnection.Ping p) {
        c.writeLine("PONG" + p.text());
      } else if (f instanceof SamControlConnection.Line l) {
        SamReply reply = l.reply();
        if (reply.is("SESSION", "STATUS")) {
          reply.expectOk(false);
        }
        log.warn("unexpected line from the SAM bridge ignored: {}", reply);
      }
    }
  }

  // ---- outbound -----------------------------------------------------------------------------

  /** The session datagrams go out on. */
  private record Target(SamControlConnection connection, String id) {}

  private void writeLoop() {
    writeLoop(() -> {
      SamControlConnection c = connection;
      return c == null ? null : new Target(c, sessionId);
    }, this::deliver);
  }

  private boolean deliver(Target t, Outbound o) {
    try {
      if (config.datagrams() == Datagrams.UDP) {
        byte[] head =
            ("3.0 " + t.id() + " " + o.to().toBase64() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] packet = Arrays.copyOf(head, head.length + o.payload().length);
        System.arraycopy(o.payload(), 0, packet, head.length, o.payload().length);
        udp.send(new DatagramPacket(packet, packet.length, routerUdp));
      } else {
        t.connection().sendDatagram(o.to().toBase64(), o.payload());
      }
      return true;
    } catch (IOException e) {
      metrics.datagram(Direction.OUT, Result.ERROR);
      if (!closed) {
        log.warn("SAM datagram send failed, re-creating the session: {}", e.getMessage());
        t.connection().close();
      }
      return false;
    }
  }

  // ---- inbound ------------------------------------------------------------------------------

  /** One received datagram; {@code payload} null when it was too large and skipped. */
  private void received(String destination, byte[] payload) {
    if (destination.length() > I2pDestination.BASE64_LENGTH) {
      metrics.datagram(Direction.IN, Result.NON_DSA);
      log.debug("dropped a datagram from a non-DSA destination ({} chars)", destination.length());
      return;
    }
    if (payload == null || payload.length > config.maxDatagramBytes()) {
      metrics.datagram(Direction.IN, Result.OVERSIZE);
      return;
    }
    I2pDestination from;
    try {
      from = I2pDestination.fromBase64(destination);
    } catch (IllegalArgumentException e) {
      metrics.datagram(Direction.IN, Result.MALFORMED);
      log.debug("dropped a datagram with an unusable sender: {}", e.getMessage());
      return;
    }
    metrics.size(Direction.IN, payload.length);
    InboundDatagram d = new InboundDatagram(new I2pEndpoint(from), payload, clock.instant());
    enqueueInbound(d);
  }

  private void udpLoop() {
    DatagramSocket s = udp;
    InetAddress router = routerUdp.getAddress();
    byte[] buf = new byte[65_536];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        s.receive(p);
      } catch (IOException e) {
        if (!closed) {
          log.error("UDP forward socket failed; no more inbound datagrams", e);
        }
        return;
      }
      if (!p.getAddress().equals(router)) {
        // Forwarded datagrams carry their sender in clear text: only the router may send them.
        metrics.datagram(Direction.IN, Result.MALFORMED);
        log.debug("ignored a UDP packet from {}, not the SAM bridge", p.getSocketAddress());
        continue;
      }
      int len = p.getLength();
      int eol = -1;
      for (int i = 0; i < len && i < SamControlConnection.MAX_LINE; i++) {
        if (buf[i] == '\n') {
          eol = i;
          break;
        }
      }
      if (eol < 0) {
        metrics.datagram(Direction.IN, Result.MALFORMED);
        continue;
      }
      String header = new String(buf, 0, eol, StandardCharsets.ISO_8859_1);
      int space = header.indexOf(' ');
      String destination = space < 0 ? header : header.substring(0, space);
      int size = len - eol - 1;
      byte[] payload =
          size > config.maxDatagramBytes() ? null : Arrays.copyOfRange(buf, eol + 1, len);
      received(destination, payload);
    }
  }

}
