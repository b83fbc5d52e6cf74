package io.pekkomule.node.transport.sam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Three i2pd routers forming a private I2P network (netid 7) inside a network namespace the test
 * creates and removes (never the host's network, never the internet), after the verified recipe
 * ../shared/interop/i2p_privnet.sh: routers on 198.18.S.1-3 (i2pd refuses loopback and private
 * peers; 198.18/15 passes), their RouterInfos exchanged by copying them into each other's netDb
 * after a first start. Their SAM bridges listen on the namespace's end of a veth pair
 * (198.19.S.2), so SAM clients in this JVM reach them directly and receive forwarded UDP on the
 * host's end (198.19.S.1). S is derived from the process id, so parallel runs do not collide.
 */
final class I2pdPrivnet implements AutoCloseable {
  static final int ROUTERS = 3;
  private static final int TRANSPORT_PORT = 17000;

  private final Path binary;
  private final Path workDir;
  private final String ns;
  private final String vethHost;
  private final String vethNs;
  private final int subnet;
  private final List<Process> processes = new ArrayList<>();

  I2pdPrivnet(Path workDir) {
    this.binary = I2pdRouter.requireBinary();
    this.workDir = workDir;
    long pid = ProcessHandle.current().pid();
    this.ns = "pmi2p" + pid;
    this.vethHost = "pmh" + (pid % 10_000_000);
    this.vethNs = "pmn" + (pid % 10_000_000);
    this.subnet = (int) (pid % 200) + 20;
  }

  /** Where this JVM reaches the routers' SAM bridges and gets forwarded datagrams. */
  String samHost() {
    return "198.19." + subnet + ".2";
  }

  String forwardHost() {
    return "198.19." + subnet + ".1";
  }

  static int samPort(int router) {
    return 17056 + 100 * router;
  }

  private String routerIp(int router) {
    return "198.18." + subnet + "." + router;
  }

  private Path dir(int router) {
    return workDir.resolve("r" + router);
  }

  /** Creates the namespace, runs the first start to get RouterInfos, shares them, restarts. */
  void start() throws Exception {
    run("ip", "netns", "add", ns);
    run("ip", "-n", ns, "link", "set", "lo", "up");
    for (int r = 1; r <= ROUTERS; r++) {
      run("ip", "-n", ns, "addr", "add", routerIp(r) + "/32", "dev", "lo");
    }
    run("ip", "link", "add", vethHost, "type", "veth", "peer", "name", vethNs);
    run("ip", "link", "set", vethNs, "netns", ns);
    run("ip", "addr", "add", forwardHost() + "/30", "dev", vethHost);
    run("ip", "link", "set", vethHost, "up");
    run("ip", "-n", ns, "addr", "add", samHost() + "/30", "dev", vethNs);
    run("ip", "-n", ns, "link", "set", vethNs, "up");
    for (int r = 1; r <= ROUTERS; r++) {
      writeConfig(r);
    }
    // Phase 1: each router creates its keys and router.info; then stop them.
    long t0 = System.nanoTime();
    startAll();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (int r = 1; r <= ROUTERS; r++) {
      while (!Files.exists(dir(r).resolve("router.info"))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("i2pd r" + r + " wrote no router.info within 30 s");
        }
        Thread.sleep(100);
      }
    }
    // the recipe lets them run 4 s so that the RouterInfos carry both transports' keys
    long settle = Duration.ofSeconds(4).toNanos() - (System.nanoTime() - t0);
    if (settle > 0) {
      Thread.sleep(settle / 1_000_000);
    }
    stopAll();
    shareRouterInfos();
    startAll();
  }

  private void startAll() throws IOException {
    for (int r = 1; r <= ROUTERS; r++) {
      List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, binary.toString(),
          "--datadir=" + dir(r), "--conf=" + dir(r).resolve("i2pd.conf")));
      Path certs = Path.of("/usr/share/i2pd/certificates");
      if (Files.isDirectory(certs)) {
        cmd.add("--certsdir=" + certs);
      }
      processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("r" + r + ".out")
              .toFile()))
          .start());
    }
  }

  private void stopAll() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    processes.clear();
  }

  /** Copies every router's router.info into the others' netDb (the offline "reseed"). */
  private void shareRouterInfos() throws IOException, NoSuchAlgorithmException {
    for (int r = 1; r <= ROUTERS; r++) {
      byte[] ri = Files.readAllBytes(dir(r).resolve("router.info"));
      int certLen = ((ri[385] & 0xFF) << 8) | (ri[386] & 0xFF);
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(
          java.util.Arrays.copyOf(ri, 387 + certLen));
      String h = io.pekkomule.protocol.I2pBase64.encode(hash);
      for (int o = 1; o <= ROUTERS; o++) {
        if (o != r) {
          Path sub = dir(o).resolve("netDb").resolve("r" + h.charAt(0));
          Files.createDirectories(sub);
          Files.write(sub.resolve("routerInfo-" + h + ".dat"), ri);
        }
      }
    }
  }

  private void writeConfig(int r) throws IOException {
    Path d = dir(r);
    Files.createDirectories(d.resolve("tunnels.d"));
    Files.writeString(d.resolve("tunnels.conf"), "");
    String conf = String.join("\n",
        "log = file", "logfile = " + d.resolve("i2pd.log"), "loglevel = info",
        "tunconf = " + d.resolve("tunnels.conf"), "tunnelsdir = " + d.resolve("tunnels.d"),
        "host = " + routerIp(r), "port = " + TRANSPORT_PORT, "ipv4 = true", "ipv6 = false",
        "address4 = " + routerIp(r), "nat = false", "netid = 7", "floodfill = true",
        "reservedrange = false", "bandwidth = X", "notransit = false",
        "[ntcp2]", "enabled = true", "published = true", "port = " + TRANSPORT_PORT,
        "[ssu2]", "enabled = true", "published = true", "port = " + TRANSPORT_PORT,
        "[http]", "enabled = false", "[httpproxy]", "enabled = false",
        "[socksproxy]", "enabled = false",
        "[sam]", "enabled = true", "address = " + samHost(), "port = " + samPort(r),
        "[bob]", "enabled = false", "[i2cp]", "enabled = false",
        "[i2pcontrol]", "enabled = false", "[upnp]", "enabled = false",
        "[reseed]", "verify = false", "threshold = 0", "urls =", "yggurls =",
        "[addressbook]", "enabled = false", "[nettime]", "enabled = false",
        "[persist]", "profiles = false", "");
    Files.writeString(d.resolve("i2pd.conf"), conf, StandardCharsets.US_ASCII);
  }

  /** The last lines of every router's log, for failure messages. */
  String logTails() {
    StringBuilder b = new StringBuilder();
    for (int r = 1; r <= ROUTERS; r++) {
      b.append("--- r").append(r).append('\n');
      try (Stream<String> lines = Files.lines(dir(r).resolve("i2pd.log"))) {
        List<String> all = lines.toList();
        b.append(String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size())));
      } catch (IOException | java.io.UncheckedIOException e) {
        b.append("(no log: ").append(e.getMessage()).append(')');
      }
      b.append('\n');
    }
    return b.toString();
  }

  @Override
  public void close() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly(); // SIGTERM would wait for transit tunnels
    }
    for (Process p : processes) {
      p.waitFor(10, TimeUnit.SECONDS);
    }
    processes.clear();
    quiet("ip", "link", "del", vethHost);
    quiet("ip", "netns", "del", ns);
  }

  private static void quiet(String... cmd) throws InterruptedException {
    try {
      new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // best effort
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed (root and iproute2 are"
          + " needed; -Dpekkomule.interop=none skips this test): " + out);
    }
  }
}
