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

  final String name;
  final Path confDir;
  private Process amuled;

  private AmuledNamespace(String name, Path confDir) {
    this.name = name;
    this.confDir = confDir;
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
      ns.writeConfig(amuledId);
      ns.amuled =
          new ProcessBuilder("ip", "netns", "exec", name, "amuled", "-c", ns.confDir.toString())
              .redirectErrorStream(true)
              .redirectOutput(workDir.resolve("amuled.out").toFile())
              .start();
      ns.awaitKad();
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

  private void awaitKad() throws Exception {
    for (int i = 0; i < 60; i++) {
      if (amuleLog().contains("Kad started")) {
        return;
      }
      if (!amuled.isAlive()) {
        throw new IllegalStateException("amuled exited with " + amuled.exitValue() + ":\n" + amuleLog());
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("amuled did not start Kad within 30 s:\n" + amuleLog());
  }

  /** amuled 2.3.3 exits without external connections enabled and an EC password (gotchas file). */
  private void writeConfig(KadId amuledId) throws IOException, NoSuchAlgorithmException {
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
        "Address=" + AMULED_IP,
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
        "ECAddress=" + AMULED_IP,
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
    if (amuled != null && amuled.isAlive()) {
      amuled.destroy();
      if (!amuled.waitFor(10, TimeUnit.SECONDS)) {
        amuled.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
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
