package io.pekkomule.node.transport.embedded;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Embedded routers that talk to each other over loopback only (tests): NTCP2 bound to and
 * published on 127.0.0.1 (Java I2P refuses local peers unless {@code i2np.allowLocal}), no SSU,
 * no UPnP, no time sync, a private network ID, floodfill on (so two routers find each other's
 * lease sets), zero-hop exploratory and client tunnels (two routers cannot build longer ones).
 * Reseed is off unless a test turns it on with its own URL.
 */
final class LoopbackI2p {
  private LoopbackI2p() {}

  static Map<String, String> routerOptions(int ntcpPort) {
    Map<String, String> o = new TreeMap<>();
    o.put("i2np.ntcp.enable", "true");
    o.put("i2np.ntcp.hostname", "127.0.0.1");
    o.put("i2np.ntcp.bindInterface", "127.0.0.1");
    o.put("i2np.ntcp.port", Integer.toString(ntcpPort));
    o.put("i2np.ntcp.autoip", "false");
    o.put("i2np.ntcp.autoport", "false");
    o.put("i2np.ntcp.ipv6", "false");
    o.put("i2np.udp.enable", "false");
    o.put("i2np.upnp.enable", "false");
    o.put("i2np.allowLocal", "true");
    o.put("i2np.ipv4.firewalled", "false");
    o.put("time.disabled", "true");
    o.put("router.floodfillParticipant", "true");
    o.put("router.rejectStartupTime", "0");
    for (String pool : new String[] {"router.inboundPool.", "router.outboundPool."}) {
      o.put(pool + "length", "0");
      o.put(pool + "lengthVariance", "0");
      o.put(pool + "quantity", "1");
      o.put(pool + "backupQuantity", "0");
    }
    return o;
  }

  /**
   * The shipped embedded settings, networking on loopback, no reseed; client tunnels: zero-hop
   * inbound, {@code outboundHops} outbound. A router whose clients look lease sets up needs one
   * outbound hop (through the other router): Java I2P 2.7 refuses a zero-hop netDb lookup to a
   * floodfill that the client's own netDb does not know ("not doing zero-hop lookup to
   * unknown"), and client netDbs hold no RouterInfos. A router whose clients only answer (they
   * get the asker's lease set bundled with its first message) can stay at zero hops; it has to
   * when it starts alone (a one-hop tunnel needs the other router).
   */
  static EmbeddedConfig config(Path routerDir, int ntcpPort, int outboundHops) {
    EmbeddedConfig z = EmbeddedConfig.from(ConfigFactory.load()).zeroHop();
    Map<String, String> t = new TreeMap<>(z.tunnelOptions());
    t.put("outbound.length", Integer.toString(outboundHops));
    t.put("outbound.lengthVariance", "0");
    t.put("outbound.IPRestriction", "0");
    t.put("inbound.IPRestriction", "0");
    return z.withTunnelOptions(t).online(false, routerOptions(ntcpPort)).withRouterDir(routerDir);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
