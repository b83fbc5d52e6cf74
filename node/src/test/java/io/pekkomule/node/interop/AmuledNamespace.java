package io.pekkomule.node.interop;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.files.AmulePreferencesKad;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private network namespace with a real amuled in it, created and removed by the test itself
 * (never the host's network, never the internet). Addresses follow the verified recipe
 * (/work/shared/interop/amule_kad_ns.sh): amuled refuses loopback, RFC1918 and 198.18/15 for its
 * routing table, so both ends live on TEST-NET addresses on the namespace's loopback device,
 * amuled on 198.51.100.1 and the peer under test on 203.0.113.4 (another IP and another /24).
 */
final class AmuledNamespace implements AutoCloseable {
  static final String AMULED_IP = "198.51.100.1";
  static final String PEER_IP = "203.0.113.4";
  static final int AMULED_TCP = 4662;
  static final int AMULED_UDP = 4672;
  static final int AMULED_EC = 4712;

  /** The second amuled of {@link #startPair}, and the extra addresses of the node under test. */
  static final String AMULED_B_IP = "198.51.100.2";
  static final String FLOOD_IP = "203.0.113.5";
  static final String CHECK_IP = "203.0.113.6";

  final String name;
  final Path confDir;
  private Process amuled;
  private Path confDirB;
  private Process amuledB;

  private AmuledNamespace(String name, Path confDir) {
    this.name = name;
    this.confDir = confDir;
  }

  /**
   * Two amuleds that know each other (each one's nodes.dat lists the other, verified): A on
   * {@link #AMULED_IP}, B on {@link #AMULED_B_IP}, same ports; plus {@link #PEER_IP}, {@link
   * #FLOOD_IP} and {@link #CHECK_IP} for the node under test and its step-5 sockets.
   */
  static AmuledNamespace startPair(Path workDir, KadId idA, KadId idB) throws Exception {
    String name = "pk4" + ProcessHandle.current().pid();
    AmuledNamespace ns = new AmuledNamespace(name, workDir.resolve("amule"));
    ns.confDirB = workDir.resolve("amuleB");
    try {
      run("ip", "netns", "add", name);
      run("ip", "-n", name, "link", "set", "lo", "up");
      for (String ip : List.of(AMULED_IP, AMULED_B_IP, PEER_IP, FLOOD_IP, CHECK_IP)) {
        run("ip", "-n", name, "addr", "add", ip + "/32", "dev", "lo");
      }
      ns.writeConfig(ns.confDir, AMULED_IP, idA);
      ns.writeConfig(ns.confDirB, AMULED_B_IP, idB);
      nodesDat(ns.confDir, idB, AMULED_B_IP);
      nodesDat(ns.confDirB, idA, AMULED_IP);
      ns.amuled = ns.launch(ns.confDir, workDir.resolve("amuled.out"));
      ns.amuledB = ns.launch(ns.confDirB, workDir.resolve("amuledB.out"));
      ns.awaitKad(ns.confDir, ns.amuled);
      ns.awaitKad(ns.confDirB, ns.amuledB);
      return ns;
    } catch (Exception e) {
      ns.close();
      throw e;
    }
  }

  private static void nodesDat(Path confDir, KadId id, String ip) throws IOException {
    io.pekkomule.protocol.files.AmuleNodesDat.v2(List.of(
        io.pekkomule.protocol.files.AmuleNodesDat.Entry.of(
            new io.pekkomule.protocol.contact.KadContact(8, id,
                io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint.of(ip, AMULED_UDP, AMULED_TCP)),
            0, 0, true)))
        .write(confDir.resolve("nodes.dat"));
  }

  private Process launch(Path conf, Path out) throws IOException {
    return new ProcessBuilder("ip", "netns", "exec", name, "amuled", "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
  }

  /** Whether both (or the one) amuled processes are still running. */
  boolean amuledAlive() {
    return amuled != null && amuled.isAlive() && (amuledB == null || amuledB.isAlive());
  }

  String amuleLogB() throws IOException {
    Path log = confDirB == null ? null : confDirB.resolve("logfile");
    return log != null && Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
  }

  /** Creates the namespace, writes amuled's configuration and KadID, starts amuled, waits for Kad. */
  static AmuledNamespace start(Path workDir, KadId amuledId) throws Exception {
    String name = "pk4" + ProcessHandle.current().pid();
    AmuledNamespace ns = new AmuledNamespace(name, workDir.resolve("amule"));
    try {
      run("ip", "netns", "add", name);
      run("ip", "-n", name, "link", "set", "lo", "up");
      run("ip", "-n", name, "addr", "add", AMULED_IP + "/32", "dev", "lo");
      run("ip", "-n", name, "addr", "add", PEER_IP + "/32", "dev", "lo");
      ns.writeConfig(ns.confDir, AMULED_IP, amuledId);
      ns.amuled =
          new ProcessBuilder("ip", "netns", "exec", name, "amuled", "-c", ns.confDir.toString())
              .redirectErrorStream(true)
              .redirectOutput(workDir.resolve("amuled.out").toFile())
              .start();
      ns.awaitKad(ns.confDir, ns.amuled);
      return ns;
    } catch (Exception e) {
      ns.close();
      throw e;
    }
  }

  /** Runs a command inside the namespace and returns its exit code; output goes to {@code out}. */
  int exec(Path out, long timeoutSeconds, List<String> command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new IllegalStateException("timed out: " + cmd);
    }
    return p.exitValue();
  }

  String amuleLog() throws IOException {
    Path log = confDir.resolve("logfile");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
  }

  private static void awaitKad(Path conf, Process p) throws Exception {
    Path logFile = conf.resolve("logfile");
    String log = "";
    for (int i = 0; i < 60; i++) {
      log = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.ISO_8859_1) : "";
      if (log.contains("Kad started")) {
        return;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("amuled exited with " + p.exitValue() + ":\n" + log);
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("amuled did not start Kad within 30 s:\n" + log);
  }

  /** amuled 2.3.3 exits without external connections enabled and an EC password (gotchas file). */
  private static void writeConfig(Path confDir, String ip, KadId amuledId)
      throws IOException, NoSuchAlgorithmException {
    Files.createDirectories(confDir.resolve("Temp"));
    Files.createDirectories(confDir.resolve("Incoming"));
    String ecPassword =
        HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("interop".getBytes(StandardCharsets.US_ASCII)));
    String conf = String.join("\n",
        "[eMule]",
        "AppVersion=2.3.3",
        "Nick=pekko-mule-interop",
        "Port=" + AMULED_TCP,
        "UDPPort=" + AMULED_UDP,
        "UDPEnable=1",
        "Address=" + ip,
        "Autoconnect=1",
        "Reconnect=1",
        "ConnectToKad=1",
        "ConnectToED2K=0",
        "UPnPEnabled=0",
        "Serverlist=0",
        "AddServerListFromServer=0",
        "AddServerListFromClient=0",
        "TempDir=" + confDir.resolve("Temp"),
        "IncomingDir=" + confDir.resolve("Incoming"),
        "OSDirectory=" + confDir + "/",
        "NewVersionCheck=0",
        "GeoIPEnabled=0",
        "FilterLanIPs=1",
        "ParanoidFiltering=0",
        "IPFilterAutoLoad=0",
        "IPFilterURL=",
        "FilterLevel=127",
        "KadNodesUrl=",
        "Ed2kServersUrl=",
        "ConfirmExit=0",
        "[ExternalConnect]",
        "AcceptExternalConnections=1",
        "ECAddress=" + ip,
        "ECPort=" + AMULED_EC,
        "ECPassword=" + ecPassword,
        "UPnPECEnabled=0",
        "UseSecIdent=1",
        "IpFilterClients=0",
        "IpFilterServers=0",
        "[WebServer]",
        "Enabled=0",
        "[Obfuscation]",
        "IsClientCryptLayerSupported=1",
        "IsCryptLayerRequested=1",
        "IsClientCryptLayerRequired=0",
        "");
    Files.writeString(confDir.resolve("amule.conf"), conf, StandardCharsets.US_ASCII);
    // Our own kad4 file writer fixes amuled's KadID, so its frames are predictable.
    new AmulePreferencesKad(0, amuledId).write(confDir.resolve("preferencesKad.dat"));
  }

  @Override
  public void close() throws Exception {
    for (Process p : new Process[] {amuled, amuledB}) {
      if (p != null && p.isAlive()) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
    new ProcessBuilder("ip", "netns", "del", name).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
