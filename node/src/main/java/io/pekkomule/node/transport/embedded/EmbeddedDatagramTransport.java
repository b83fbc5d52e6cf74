package io.pekkomule.node.transport.embedded;

import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.QueuedI2pTransport;
import io.pekkomule.node.transport.TransportHealth;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import io.pekkomule.node.transport.sam.SamKeys;
import io.pekkomule.protocol.I2pBase64;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import net.i2p.client.I2PSession;
import net.i2p.client.I2PSessionException;
import net.i2p.client.I2PSessionMuxedListener;
import net.i2p.client.datagram.I2PDatagramDissector;
import net.i2p.client.datagram.I2PDatagramMaker;
import net.i2p.client.impl.I2PClientImpl;
import net.i2p.crypto.SigType;
import net.i2p.data.DataFormatException;
import net.i2p.data.Destination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repliable I2P datagrams (I2CP protocol 17, what SAM's {@code STYLE=DATAGRAM} sends) through the
 * Java I2P router in this JVM ({@link EmbeddedRouter}), on one 387-byte DSA_SHA1 destination with
 * a NULL certificate, re-created with the same destination whenever the session is lost.
 *
 * <p>The private destination has SAM's {@code PRIV} layout (destination, ElGamal and DSA private
 * keys, 663 bytes), so a node can switch between {@code sam} and {@code embedded} and keep its
 * identity. It is never logged; {@link #privateKeyBase64()} hands it to the identity store.
 *
 * <p>Threads (daemon): {@code i2cp-session} creates the session and re-creates it after a loss,
 * {@code i2cp-out} drains the small outbound buffer while the session is up, {@code i2cp-in} hands
 * received datagrams to the callback from a bounded queue (the oldest dropped when full). The
 * router's own threads call {@link Listener} and only enqueue.
 */
public final class EmbeddedDatagramTransport extends QueuedI2pTransport {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatagramTransport.class);

  /** Bytes a repliable datagram adds to the payload: the sender (387) and its DSA signature. */
  public static final int REPLIABLE_OVERHEAD = I2pDestination.BYTES + 40;

  private final EmbeddedConfig config;
  private final RandomGenerator random;

  private final CompletableFuture<I2pDestination> firstUp = new CompletableFuture<>();

  private volatile String privateKey;
  private volatile I2pDestination ownDestination;
  private volatile boolean started;
  private volatile boolean gaveUp;
  private volatile I2PSession session;
  private volatile EmbeddedRouter router;
  private volatile Duration lastSetup;
  private volatile Duration routerStart;

  /**
   * @param config with {@link EmbeddedConfig#routerDir()} already resolved
   * @param privateKeyBase64 the stored private destination (SAM {@code PRIV} layout), or empty to
   *     generate a DSA_SHA1 one; read it back with {@link #privateKeyBase64()} to store it
   * @throws IllegalArgumentException when the given key is not a DSA_SHA1/NULL-certificate one
   */
  public EmbeddedDatagramTransport(
      EmbeddedConfig config,
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

  public EmbeddedDatagramTransport(
      EmbeddedConfig config, Optional<String> privateKeyBase64, MeterRegistry registry) {
    this(config, privateKeyBase64, registry, RandomGenerator.getDefault(), Clock.systemUTC());
  }

  /** A new DSA_SHA1 private destination with a NULL certificate, SAM {@code PRIV} layout. */
  public static String generatePrivateKey() {
    EmbeddedRouter r = EmbeddedRouter.running();
    if (r != null) {
      return generatePrivateKey(r.context());
    }
    try {
      return generatePrivateKey(net.i2p.I2PAppContext.getGlobalContext());
    } catch (IllegalStateException stoppedRouterContext) {
      // The JVM's global context was a router that has been stopped ("Random is shut down").
      return generatePrivateKey(spareContext());
    }
  }

  private static net.i2p.I2PAppContext spare;

  private static synchronized net.i2p.I2PAppContext spareContext() {
    if (spare == null) {
      spare = new net.i2p.I2PAppContext(new Properties());
    }
    return spare;
  }

  static String generatePrivateKey(net.i2p.I2PAppContext ctx) {
    try {
      net.i2p.data.SimpleDataStructure[] enc = ctx.keyGenerator().generatePKIKeys();
      net.i2p.data.SimpleDataStructure[] sig =
          ctx.keyGenerator().generateSigningKeys(SigType.DSA_SHA1);
      Destination d = new Destination();
      d.setPublicKey((net.i2p.data.PublicKey) enc[0]);
      d.setSigningPublicKey((net.i2p.data.SigningPublicKey) sig[0]);
      d.setCertificate(net.i2p.data.Certificate.NULL_CERT);
      ByteArrayOutputStream out = new ByteArrayOutputStream(SamKeys.PRIVATE_BYTES);
      d.writeBytes(out);
      enc[1].writeBytes(out);
      sig[1].writeBytes(out);
      String k = I2pBase64.encode(out.toByteArray());
      SamKeys.publicOf(k); // the shape iMule needs, or an exception
      return k;
    } catch (IOException | DataFormatException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a DSA_SHA1 destination", e);
    }
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
    spawn("i2cp-in", this::dispatchLoop);
    spawn("i2cp-out", this::writeLoop);
    spawn("i2cp-session", this::sessionLoop);
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
    return TransportHealth.of("embedded", state,
        ownDestination().map(I2pDestination::toB32).orElse(null), config.routerDir().toString(),
        lastSetup == null ? -1 : lastSetup.toMillis(),
        routerStart == null ? -1 : routerStart.toMillis(), metrics);
  }

  /** How long the last set-up took: the router (on first use) plus the session. */
  public Optional<Duration> lastSetupTime() {
    return Optional.ofNullable(lastSetup);
  }

  /** How long the embedded router took to take clients (zero when it already ran). */
  public Optional<Duration> routerStartTime() {
    return Optional.ofNullable(routerStart);
  }

  /** The current I2CP session (tests break it to exercise the reconnection). */
  I2PSession currentSession() {
    return session;
  }

  @Override
  protected boolean send(Endpoint endpoint, byte[] datagram) {
    if (!(endpoint instanceof I2pEndpoint i2p)) {
      log.debug("refused an outbound datagram to a non-I2P endpoint {}", endpoint);
      return false;
    }
    I2pDestination to = i2p.destination();
    if (datagram.length > config.maxDatagramBytes()) {
      metrics.datagram(Direction.OUT, Result.OVERSIZE);
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
    signal();
    destroy(session);
    stopThreads();
    EmbeddedRouter r = router;
    router = null;
    if (r != null) {
      r.release();
    }
    firstUp.completeExceptionally(new IllegalStateException("embedded transport closed"));
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
      Duration wait = null;
      I2PSession s = null;
      try {
        long t0 = System.nanoTime();
        EmbeddedRouter r = router;
        if (r == null) {
          r = EmbeddedRouter.acquire(config);
          router = r;
          routerStart = r.startTime();
          if (closed) {
            break;
          }
        }
        if (privateKey == null) {
          privateKey = generatePrivateKey(r.context());
          ownDestination = SamKeys.publicOf(privateKey);
          log.info("generated our destination {}", ownDestination.toB32());
        }
        Properties opts = new Properties();
        opts.putAll(config.tunnelOptions());
        s = new I2PClientImpl().createSession(
            r.context(), new ByteArrayInputStream(I2pBase64.decode(privateKey)), opts);
        Listener listener = new Listener();
        s.addMuxedSessionListener(listener, I2PSession.PROTO_DATAGRAM, I2PSession.PORT_ANY);
        session = s;
        connect(s);
        I2pDestination me = I2pDestination.of(s.getMyDestination().toByteArray());
        if (!me.equals(ownDestination)) {
          throw new IOException("the session's destination " + me.toB32() + " is not ours");
        }
        markUp(me, Duration.ofNanos(System.nanoTime() - t0));
        failures = 0;
        listener.awaitLoss();
        if (!closed) {
          log.warn("embedded I2P session lost; re-creating it");
        }
        markDown();
        failures = 1;
        wait = config.backoff().delay(0, random);
      } catch (IOException | I2PSessionException | RuntimeException e) {
        markDown();
        if (closed) {
          break;
        }
        failures++;
        boolean givingUp = config.maxAttempts() > 0 && failures > config.maxAttempts();
        wait = givingUp ? null : config.backoff().delay(failures - 1, random);
        log.warn("embedded I2P session failed: {}{}", e.getMessage() == null ? e.toString()
            : e.getMessage(), wait == null ? "" : "; next attempt in " + wait.toMillis() + " ms");
      } finally {
        if (s != null && (closed || !up)) {
          destroy(s);
        }
      }
      if (closed) {
        break;
      }
      EmbeddedRouter r = router;
      if (r != null && !r.isAlive()) {
        router = null; // acquire starts a new one
        r.release();
      }
      if (wait == null) {
        log.error("embedded transport gives up after {} failed attempts", failures);
        gaveUp = true;
        firstUp.completeExceptionally(
            new IOException("no embedded I2P session after " + failures + " attempts"));
        break;
      }
      sleepUnlessClosed(wait);
    }
  }

  /** Connects, bounded by the session timeout (I2CP's connect waits for the lease set). */
  private void connect(I2PSession s) throws I2PSessionException, IOException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        s.connect();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "i2cp-connect");
    t.setDaemon(true);
    t.start();
    try {
      done.get(config.sessionTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      destroy(s);
      throw new IOException("no session within " + config.sessionTimeout().toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      destroy(s);
      throw new IOException("interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof I2PSessionException x) {
        throw x;
      }
      throw new IOException(c.toString(), c);
    }
  }

  private void markUp(I2pDestination me, Duration took) {
    lock.lock();
    try {
      ownDestination = me;
      lastSetup = took;
      metrics.setup(took);
      up = !closed;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    log.info("embedded I2P session up in {} ms, destination {}", took.toMillis(), me.toB32());
    firstUp.complete(me);
  }

  private void markDown() {
    lock.lock();
    try {
      up = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static void destroy(I2PSession s) {
    if (s == null) {
      return;
    }
    try {
      s.destroySession();
    } catch (I2PSessionException | RuntimeException e) {
      log.debug("destroying the I2CP session: {}", e.toString());
    }
  }

  /** Router callbacks (its threads): receive, dissect, enqueue; or report the session lost. */
  private final class Listener implements I2PSessionMuxedListener {
    private final CompletableFuture<Void> lost = new CompletableFuture<>();

    void awaitLoss() {
      while (!closed) {
        try {
          lost.get(1, TimeUnit.SECONDS);
          return;
        } catch (java.util.concurrent.TimeoutException e) {
          // check closed again
        } catch (InterruptedException e) {
          return;
        } catch (java.util.concurrent.ExecutionException e) {
          return;
        }
      }
    }

    @Override
    public void messageAvailable(I2PSession s, int msgId, long size) {
      messageAvailable(s, msgId, size, I2PSession.PROTO_UNSPECIFIED, 0, 0);
    }

    @Override
    public void messageAvailable(I2PSession s, int msgId, long size, int proto, int fromPort,
        int toPort) {
      byte[] raw;
      try {
        raw = s.receiveMessage(msgId);
      } catch (I2PSessionException e) {
        metrics.datagram(Direction.IN, Result.ERROR);
        return;
      }
      if (raw == null) {
        return;
      }
      if (proto != I2PSession.PROTO_DATAGRAM && proto != I2PSession.PROTO_UNSPECIFIED) {
        metrics.datagram(Direction.IN, Result.MALFORMED);
        return;
      }
      received(raw);
    }

    @Override
    public void reportAbuse(I2PSession s, int severity) {}

    @Override
    public void disconnected(I2PSession s) {
      lost.complete(null);
    }

    @Override
    public void errorOccurred(I2PSession s, String message, Throwable error) {
      log.debug("I2CP session error: {}", message);
    }
  }

  // ---- outbound -----------------------------------------------------------------------------

  private void writeLoop() {
    writeLoop(() -> session, new Delivery<I2PSession>() {
      private I2PDatagramMaker maker;
      private I2PSession makerFor;

      @Override
      public boolean deliver(I2PSession s, Outbound o) {
        if (makerFor != s) {
          maker = new I2PDatagramMaker(s);
          makerFor = s;
        }
        try {
          byte[] dg = maker.makeI2PDatagram(o.payload());
          if (dg == null) {
            metrics.datagram(Direction.OUT, Result.ERROR);
            return false;
          }
          Destination to = Destination.create(new ByteArrayInputStream(o.to().toBytes()));
          s.sendMessage(to, dg, 0, dg.length, I2PSession.PROTO_DATAGRAM,
              I2PSession.PORT_UNSPECIFIED, I2PSession.PORT_UNSPECIFIED,
              new net.i2p.client.SendMessageOptions());
          return true;
        } catch (I2PSessionException | IOException | DataFormatException | RuntimeException e) {
          metrics.datagram(Direction.OUT, Result.ERROR);
          log.debug("I2CP datagram send failed: {}", e.toString());
          return false;
        }
      }
    });
  }

  // ---- inbound ------------------------------------------------------------------------------

  private void received(byte[] raw) {
    I2PDatagramDissector d = new I2PDatagramDissector();
    byte[] payload;
    Destination sender;
    try {
      d.loadI2PDatagram(raw);
      payload = d.getPayload(); // verifies the signature
      sender = d.getSender();
    } catch (DataFormatException | net.i2p.client.datagram.I2PInvalidDatagramException
        | RuntimeException e) {
      metrics.datagram(Direction.IN, Result.MALFORMED);
      return;
    }
    byte[] senderBytes = sender.toByteArray();
    if (senderBytes.length != I2pDestination.BYTES || sender.getSigType() != SigType.DSA_SHA1) {
      // iMule addresses only 387-byte DSA_SHA1 destinations with a NULL certificate.
      metrics.datagram(Direction.IN, Result.NON_DSA);
      return;
    }
    if (payload.length > config.maxDatagramBytes()) {
      metrics.datagram(Direction.IN, Result.OVERSIZE);
      return;
    }
    I2pDestination from;
    try {
      from = I2pDestination.of(senderBytes);
    } catch (IllegalArgumentException e) {
      metrics.datagram(Direction.IN, Result.NON_DSA);
      return;
    }
    metrics.size(Direction.IN, payload.length);
    InboundDatagram in = new InboundDatagram(new I2pEndpoint(from), payload, clock.instant());
    enqueueInbound(in);
  }

}
