package io.pekkomule.node.transport.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.pekkomule.node.transport.sam.Backoff;
import io.pekkomule.protocol.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the embedded transport, read from {@code pekko-mule.transport.embedded} (see {@code
 * conf/transport.conf}, which documents every key).
 *
 * @param routerDir the router's own directory (keys, netDb, peer profiles, logs); relative paths
 *     are resolved against the node's data directory by {@link #resolve(Path)}
 * @param reseed fetch router infos from the reseed servers when the netDb is nearly empty
 * @param offline no NTCP/SSU, no UPnP, no reseed, no time sync: only the router's own
 *     destinations can talk (tests)
 * @param inboundKBps router bandwidth limit in, KBytes/s (Java I2P's {@code
 *     i2np.bandwidth.inboundKBytesPerSecond})
 * @param outboundKBps router bandwidth limit out, KBytes/s
 * @param sharePercent share of the bandwidth for transit tunnels (participation), 0..100
 * @param routerOptions further router properties, passed verbatim (they win over the above)
 * @param tunnelOptions I2CP session options (tunnel lengths and quantities, reliability)
 * @param routerStartTimeout how long to wait for the router to accept I2CP clients
 * @param sessionTimeout how long to wait for one session (its tunnels and lease set)
 */
public record EmbeddedConfig(
    Path routerDir,
    boolean reseed,
    boolean offline,
    int inboundKBps,
    int outboundKBps,
    int sharePercent,
    Map<String, String> routerOptions,
    Map<String, String> tunnelOptions,
    Duration routerStartTimeout,
    Duration sessionTimeout,
    Backoff backoff,
    int maxAttempts,
    int inboundQueue,
    int outboundBuffer,
    Duration outboundMaxAge,
    int maxDatagramBytes) {

  public EmbeddedConfig {
    routerOptions = Collections.unmodifiableMap(new TreeMap<>(routerOptions));
    tunnelOptions = Collections.unmodifiableMap(new TreeMap<>(tunnelOptions));
    if (inboundKBps <= 0 || outboundKBps <= 0) {
      throw new IllegalArgumentException("embedded router bandwidth must be positive KBytes/s");
    }
    if (sharePercent < 0 || sharePercent > 100) {
      throw new IllegalArgumentException("share-percent must be 0..100, got " + sharePercent);
    }
    if (maxDatagramBytes <= 0 || maxDatagramBytes > Limits.SAM_DATAGRAM_MAX) {
      throw new IllegalArgumentException(
          "max-datagram-bytes must be 1.." + Limits.SAM_DATAGRAM_MAX + ", got " + maxDatagramBytes);
    }
    if (inboundQueue <= 0 || outboundBuffer <= 0 || maxAttempts < 0) {
      throw new IllegalArgumentException("embedded queue sizes and limits must be positive");
    }
  }

  /** This configuration with the router directory resolved against {@code dataDir}. */
  public EmbeddedConfig resolve(Path dataDir) {
    Path dir = routerDir.isAbsolute() ? routerDir : dataDir.resolve(routerDir);
    return withRouterDir(dir.toAbsolutePath().normalize());
  }

  public EmbeddedConfig withRouterDir(Path dir) {
    return new EmbeddedConfig(dir, reseed, offline, inboundKBps, outboundKBps, sharePercent,
        routerOptions, tunnelOptions, routerStartTimeout, sessionTimeout, backoff, maxAttempts,
        inboundQueue, outboundBuffer, outboundMaxAge, maxDatagramBytes);
  }

  /** The router's offline test mode with zero-hop tunnels, everything else from {@code this}. */
  public EmbeddedConfig offlineZeroHop() {
    EmbeddedConfig z = zeroHop();
    return new EmbeddedConfig(routerDir, false, true, inboundKBps, outboundKBps, sharePercent,
        routerOptions, z.tunnelOptions, routerStartTimeout, sessionTimeout, backoff, maxAttempts,
        inboundQueue, outboundBuffer, outboundMaxAge, maxDatagramBytes);
  }

  /** Sessions with zero-hop tunnels, one in each direction (tests; no anonymity). */
  public EmbeddedConfig zeroHop() {
    Map<String, String> t = new TreeMap<>(tunnelOptions);
    t.put("inbound.length", "0");
    t.put("outbound.length", "0");
    t.put("inbound.quantity", "1");
    t.put("outbound.quantity", "1");
    return new EmbeddedConfig(routerDir, reseed, offline, inboundKBps, outboundKBps, sharePercent,
        routerOptions, t, routerStartTimeout, sessionTimeout, backoff, maxAttempts,
        inboundQueue, outboundBuffer, outboundMaxAge, maxDatagramBytes);
  }

  /** This configuration with other I2CP session (tunnel) options. */
  public EmbeddedConfig withTunnelOptions(Map<String, String> tunnel) {
    return new EmbeddedConfig(routerDir, reseed, offline, inboundKBps, outboundKBps, sharePercent,
        routerOptions, tunnel, routerStartTimeout, sessionTimeout, backoff, maxAttempts,
        inboundQueue, outboundBuffer, outboundMaxAge, maxDatagramBytes);
  }

  /**
   * This configuration with networking on ({@code offline} off), reseeding as given and {@code
   * extra} added to the verbatim router options (they win over the existing ones).
   */
  public EmbeddedConfig online(boolean reseed, Map<String, String> extra) {
    Map<String, String> o = new TreeMap<>(routerOptions);
    o.putAll(extra);
    return new EmbeddedConfig(routerDir, reseed, false, inboundKBps, outboundKBps, sharePercent,
        o, tunnelOptions, routerStartTimeout, sessionTimeout, backoff, maxAttempts,
        inboundQueue, outboundBuffer, outboundMaxAge, maxDatagramBytes);
  }

  static Map<String, String> strings(Config c) {
    Map<String, String> m = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
      m.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    return m;
  }

  /** Reads {@code pekko-mule.transport.embedded} from the full configuration. */
  public static EmbeddedConfig from(Config root) {
    Config transport = root.getConfig("pekko-mule.transport");
    Config e = transport.getConfig("embedded");
    Config reconnect = e.getConfig("reconnect");
    return new EmbeddedConfig(
        Path.of(e.getString("router-dir")),
        e.getBoolean("reseed"),
        e.getBoolean("offline"),
        e.getInt("bandwidth.inbound-kbytes-per-second"),
        e.getInt("bandwidth.outbound-kbytes-per-second"),
        e.getInt("bandwidth.share-percent"),
        strings(e.getConfig("router-options")),
        strings(e.getConfig("tunnel")),
        e.getDuration("timeouts.router-start"),
        e.getDuration("timeouts.session"),
        new Backoff(
            reconnect.getDuration("min-backoff"),
            reconnect.getDuration("max-backoff"),
            reconnect.getDouble("jitter")),
        reconnect.getInt("max-attempts"),
        e.getInt("inbound-queue"),
        e.getInt("outbound-buffer"),
        e.getDuration("outbound-max-age"),
        transport.getInt("max-datagram-bytes"));
  }
}
