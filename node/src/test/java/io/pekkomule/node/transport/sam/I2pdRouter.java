package io.pekkomule.node.transport.sam;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One i2pd on loopback for tests: no peers, no reseed, SAM on a free port (and its UDP port, which
 * i2pd 2.45 always puts at SAM port − 1). The data directory goes on the command line because
 * i2pd ignores {@code datadir} in its config file.
 */
final class I2pdRouter implements AutoCloseable {
  private static final Path[] KNOWN = {Path.of("/usr/sbin/i2pd"), Path.of("/usr/bin/i2pd")};

  private final Path binary;
  private final Path dataDir;
  private final int samPort;
  private final int transportPort;
  private Process process;

  /** The i2pd binary; fails the test (does not skip it) when i2pd is not installed. */
  static Path requireBinary() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "i2pd"));
      }
    }
    candidates.addAll(List.of(KNOWN));
    Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
    if (found.isEmpty()) {
      fail(
          "i2pd is not installed: the SAM transport tests need a real i2pd router. .ci/run installs"
              + " it (apt-get install -y i2pd); locally run `apt-get install i2pd`.");
    }
    return found.get();
  }

  I2pdRouter(Path dataDir) throws IOException {
    this.binary = requireBinary();
    this.dataDir = dataDir;
    this.samPort = freeSamPort();
    this.transportPort = freeTcpAndUdpPort();
    Files.createDirectories(dataDir.resolve("tunnels.d"));
    Files.writeString(dataDir.resolve("tunnels.conf"), "");
    Files.writeString(dataDir.resolve("i2pd.conf"), config());
  }

  int samPort() {
    return samPort;
  }

  Path dataDir() {
    return dataDir;
  }

  private String config() {
    // floodfill: a lone router must store its own LeaseSets; reservedrange off for loopback.
    return String.join(
        "\n",
        "log = file",
        "logfile = " + dataDir.resolve("i2pd.log"),
        "loglevel = info",
        "tunconf = " + dataDir.resolve("tunnels.conf"),
        "tunnelsdir = " + dataDir.resolve("tunnels.d"),
        "host = 127.0.0.1",
        "port = " + transportPort,
        "ipv4 = true",
        "ipv6 = false",
        "address4 = 127.0.0.1",
        "nat = false",
        "netid = 7",
        "floodfill = true",
        "reservedrange = false",
        "bandwidth = X",
        "[ntcp2]",
        "enabled = true",
        "published = true",
        "port = " + transportPort,
        "[ssu2]",
        "enabled = true",
        "published = true",
        "port = " + transportPort,
        "[http]",
        "enabled = false",
        "[httpproxy]",
        "enabled = false",
        "[socksproxy]",
        "enabled = false",
        "[sam]",
        "enabled = true",
        "address = 127.0.0.1",
        "port = " + samPort,
        "[bob]",
        "enabled = false",
        "[i2cp]",
        "enabled = false",
        "[i2pcontrol]",
        "enabled = false",
        "[upnp]",
        "enabled = false",
        "[reseed]",
        "verify = false",
        "threshold = 0",
        "urls =",
        "yggurls =",
        "[addressbook]",
        "enabled = false",
        "[nettime]",
        "enabled = false",
        "[persist]",
        "profiles = false",
        "");
  }

  /** Starts i2pd and waits (at most 30 s) until its SAM bridge answers HELLO. */
  void start() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--datadir=" + dataDir);
    cmd.add("--conf=" + dataDir.resolve("i2pd.conf"));
    Path certs = Path.of("/usr/share/i2pd/certificates");
    if (Files.isDirectory(certs)) {
      cmd.add("--certsdir=" + certs);
    }
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("stdout.log").toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("i2pd exited with " + process.exitValue() + "; see " + dataDir.resolve("stdout.log"));
      }
      if (samAnswers()) {
        return;
      }
      Thread.sleep(100);
    }
    fail("i2pd's SAM bridge did not answer on port " + samPort + " within 30 s");
  }

  private boolean samAnswers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), samPort), 500);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write("HELLO VERSION MIN=3.0 MAX=3.1\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return line != null && line.startsWith("HELLO REPLY RESULT=OK");
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL, as a crash: sockets are reset, sessions are gone. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill(); // SIGTERM can wait for transit tunnels; the tests do not need a clean shutdown
  }

  /** The last lines of i2pd's log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve("i2pd.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no i2pd.log: " + e.getMessage() + ")";
    }
  }

  /** A TCP port p with UDP port p − 1 free too (i2pd's SAM UDP port). */
  private static int freeSamPort() throws IOException {
    for (int i = 0; i < 200; i++) {
      int p = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      if (tcpFree(p) && udpFree(p - 1)) {
        return p;
      }
    }
    throw new IOException("no free SAM port pair found");
  }

  private static int freeTcpAndUdpPort() throws IOException {
    for (int i = 0; i < 200; i++) {
      int p = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      if (tcpFree(p) && udpFree(p)) {
        return p;
      }
    }
    throw new IOException("no free transport port found");
  }

  private static boolean tcpFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean udpFree(int port) {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
