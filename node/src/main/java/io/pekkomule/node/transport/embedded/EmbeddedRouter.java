package io.pekkomule.node.transport.embedded;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import net.i2p.router.Router;
import net.i2p.router.RouterContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java I2P router inside this JVM. Java I2P keeps global state per JVM (one application
 * context, one shutdown hook, static caches), so there is at most one router per JVM: transports
 * {@link #acquire} it (starting it on first use) and {@link #release} it (stopping it with the last
 * one). Several destinations (I2CP sessions) share it, as on any I2P router.
 */
public final class EmbeddedRouter {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedRouter.class);

  private static EmbeddedRouter current;

  private final Path dir;
  private final Router router;
  private final Duration startTime;
  private int users;

  private EmbeddedRouter(Path dir, Router router, Duration startTime) {
    this.dir = dir;
    this.router = router;
    this.startTime = startTime;
  }

  /**
   * The JVM's router, started with {@code config} if it is not running yet; blocks until it takes
   * I2CP clients or the configured start timeout passes.
   *
   * @throws IOException when it does not start in time, or runs already on another directory
   */
  public static synchronized EmbeddedRouter acquire(EmbeddedConfig config) throws IOException {
    Path dir = config.routerDir().toAbsolutePath().normalize();
    if (current != null && !current.isAlive()) {
      log.warn("the embedded I2P router stopped on its own; starting it again");
      shutdownQuietly(current.router);
      current = null;
    }
    if (current != null) {
      if (!current.dir.equals(dir)) {
        throw new IOException("an embedded I2P router already runs in this JVM on " + current.dir
            + "; one router per JVM (asked for " + dir + ")");
      }
      current.users++;
      return current;
    }
    Files.createDirectories(dir);
    writeLoggerConfig(dir);
    Properties p = new Properties();
    p.putAll(routerProperties(config, dir));
    long t0 = System.nanoTime();
    // Java I2P points System.out and System.err at a wrapper.log file unless told not to, and
    // prints start-up notes there; our stdout belongs to the CLI. While the router starts, its
    // prints go to our log instead; the streams are restored afterwards in any case.
    System.setProperty("I2P_DISABLE_OUTPUT_OVERRIDE", "true");
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.PrintStream toLog = new java.io.PrintStream(new LogLines(), true, StandardCharsets.UTF_8);
    Router r;
    try {
      System.setOut(toLog);
      System.setErr(toLog);
      r = new Router(p);
      r.setKillVMOnEnd(false);
      r.runRouter();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    long deadline = t0 + config.routerStartTimeout().toNanos();
    RouterContext ctx = r.getContext();
    while (!ready(ctx)) {
      if (System.nanoTime() > deadline) {
        shutdownQuietly(r);
        throw new IOException("the embedded I2P router did not accept clients within "
            + config.routerStartTimeout().toSeconds() + " s (its log: " + dir.resolve("logs")
            + ")");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        shutdownQuietly(r);
        throw new IOException("interrupted while the embedded I2P router started");
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    current = new EmbeddedRouter(dir, r, took);
    current.users = 1;
    log.info("embedded I2P router up in {} ms ({}; data in {})", took.toMillis(),
        config.offline() ? "offline: no transports, no reseed, no time sync"
            : "reseed " + (config.reseed() ? "on" : "off") + ", " + config.inboundKBps() + "/"
                + config.outboundKBps() + " KB/s in/out, share " + config.sharePercent() + " %",
        dir);
    return current;
  }

  /** Lines printed by the router while it starts, as debug lines of our log. */
  private static final class LogLines extends java.io.OutputStream {
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.UTF_8).strip();
        line.reset();
        if (!s.isEmpty()) {
          log.debug("router: {}", s);
        }
      } else {
        line.write(b);
      }
    }
  }

  /** The JVM's running router, or null. */
  static synchronized EmbeddedRouter running() {
    return current != null && current.isAlive() ? current : null;
  }

  private static boolean ready(RouterContext ctx) {
    return ctx.internalClientManager() != null && ctx.clientManager() != null
        && ctx.clientManager().isAlive();
  }

  /** The properties the router starts with (its {@code router.config} keys). */
  static Map<String, String> routerProperties(EmbeddedConfig c, Path dir) {
    Map<String, String> p = new TreeMap<>();
    String d = dir.toString();
    for (String k : new String[] {"base", "config", "router", "pid", "log", "app"}) {
      p.put("i2p.dir." + k, d);
    }
    p.put("router.configLocation", dir.resolve("router.config").toString());
    // In-JVM clients only: no I2CP port for other local programs to find.
    p.put("i2cp.disableInterface", "true");
    p.put("i2np.bandwidth.inboundKBytesPerSecond", Integer.toString(c.inboundKBps()));
    p.put("i2np.bandwidth.inboundBurstKBytesPerSecond", Integer.toString(c.inboundKBps()));
    p.put("i2np.bandwidth.outboundKBytesPerSecond", Integer.toString(c.outboundKBps()));
    p.put("i2np.bandwidth.outboundBurstKBytesPerSecond", Integer.toString(c.outboundKBps()));
    p.put("router.sharePercentage", Integer.toString(c.sharePercent()));
    p.put("router.reseedDisable", Boolean.toString(!c.reseed() || c.offline()));
    // No update checks, no console: this router serves the node and nothing else.
    p.put("router.newsRefreshFrequency", "0");
    if (c.offline()) {
      p.put("i2np.ntcp.enable", "false");
      p.put("i2np.udp.enable", "false");
      p.put("i2np.upnp.enable", "false");
      p.put("time.disabled", "true");
    }
    p.putAll(c.routerOptions());
    return p;
  }

  /** Keeps the router's own log in its directory, and off our stdout. */
  private static void writeLoggerConfig(Path dir) throws IOException {
    Path f = dir.resolve("logger.config");
    if (Files.exists(f)) {
      return;
    }
    try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      w.write("logger.displayOnScreen=false\n");
      // ERROR: warnings logged while the router shuts down are printed to stdout ("(shutdown) …")
      w.write("logger.defaultLevel=ERROR\n");
      w.write("logger.logFileName=logs/log-router-@.txt\n");
      w.write("logger.logFileSize=2m\n");
      w.write("logger.logRotationLimit=2\n");
    }
  }

  /** The router context sessions connect to (in-JVM I2CP). */
  public RouterContext context() {
    return router.getContext();
  }

  public Path dir() {
    return dir;
  }

  /** From {@code new Router} to the first moment it took I2CP clients. */
  public Duration startTime() {
    return startTime;
  }

  /** Whether the router still runs. */
  public boolean isAlive() {
    return router.isAlive() && ready(router.getContext());
  }

  /** This router's own RouterInfo file (what another router needs to reach it; see seedNetDb). */
  public Path routerInfoFile() {
    return dir.resolve("router.info");
  }

  /** How many routers this router knows (its netDb, itself included once published). */
  public int knownRouters() {
    return router.getContext().netDb().getKnownRouters();
  }

  /** How many routers this router has an established NTCP/SSU connection with. */
  public int connectedPeers() {
    return router.getContext().commSystem().countActivePeers();
  }

  /**
   * Copies a RouterInfo file (another router's {@code router.info}, or a {@code
   * routerInfo-*.dat} from a netDb or a reseed bundle) into the netDb of the router directory
   * {@code routerDir}, under the name Java I2P reads ({@code netDb/r<c>/routerInfo-<hash>.dat}).
   * Call it before the router starts (a running router reads its netDb directory only now and
   * then). This is how a router without reseed finds its first peer.
   *
   * @return the router's hash (I2P base64)
   * @throws IOException when the file is not a RouterInfo with a valid signature
   */
  public static String seedNetDb(Path routerDir, Path routerInfo) throws IOException {
    byte[] raw = Files.readAllBytes(routerInfo);
    String hash = readRouterInfo(routerInfo, raw).getIdentity().calculateHash().toBase64();
    Path sub = routerDir.resolve("netDb").resolve("r" + hash.charAt(0));
    Files.createDirectories(sub);
    Files.write(sub.resolve("routerInfo-" + hash + ".dat"), raw);
    return hash;
  }

  private static net.i2p.data.router.RouterInfo readRouterInfo(Path file, byte[] raw)
      throws IOException {
    net.i2p.data.router.RouterInfo ri = new net.i2p.data.router.RouterInfo();
    try {
      ri.readBytes(new java.io.ByteArrayInputStream(raw), true);
    } catch (net.i2p.data.DataFormatException e) {
      throw new IOException(file + " is not a RouterInfo: " + e.getMessage());
    }
    if (!ri.isValid()) {
      throw new IOException(file + ": the RouterInfo's signature does not verify");
    }
    return ri;
  }

  /**
   * Gives the running router another router's RouterInfo (its {@code router.info} or a {@code
   * routerInfo-*.dat}), as a reseed would: it goes through the router's own checks and is
   * usable at once (a RouterInfo file put into the netDb directory of a running router is read
   * only minutes later).
   *
   * @return the router's hash (I2P base64)
   * @throws IOException when the file is not a valid RouterInfo or the router refuses it
   */
  public String addRouterInfo(Path routerInfo) throws IOException {
    net.i2p.data.router.RouterInfo ri = readRouterInfo(routerInfo, Files.readAllBytes(routerInfo));
    try {
      router.getContext().netDb().store(ri.getIdentity().calculateHash(), ri);
    } catch (IllegalArgumentException e) {
      throw new IOException("the embedded router refused " + routerInfo + ": " + e.getMessage());
    }
    return ri.getIdentity().calculateHash().toBase64();
  }

  /** Releases one use; the last one stops the router (immediately, no graceful wait). */
  public void release() {
    synchronized (EmbeddedRouter.class) {
      if (current != this || --users > 0) {
        return;
      }
      current = null;
    }
    shutdownQuietly(router);
    log.info("embedded I2P router stopped");
  }

  private static void shutdownQuietly(Router r) {
    // As at start: what the router prints while it stops goes to our log, not to stdout.
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.PrintStream toLog = new java.io.PrintStream(new LogLines(), true, StandardCharsets.UTF_8);
    try {
      System.setOut(toLog);
      System.setErr(toLog);
      r.shutdown(Router.EXIT_HARD);
    } catch (RuntimeException e) {
      log.warn("embedded I2P router shutdown failed: {}", e.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
