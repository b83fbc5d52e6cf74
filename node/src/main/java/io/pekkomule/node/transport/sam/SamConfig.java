package io.pekkomule.node.transport.sam;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.pekkomule.protocol.Limits;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the SAM transport, read from {@code pekko-mule.transport.sam} (see {@code
 * conf/transport.conf}, which documents every key).
 *
 * @param host SAM bridge address
 * @param port SAM bridge TCP port (the control socket)
 * @param datagrams where datagrams travel between us and the router
 * @param udpPort the bridge's UDP port for outgoing datagrams in {@link Datagrams#UDP} mode
 * @param forwardHost the address of our UDP socket, where the bridge forwards received datagrams
 * @param forwardPort the port of that socket (0 = any free port, kept across reconnections)
 * @param controlFrameMax the largest {@code DATAGRAM SEND} frame (header line and payload) the
 *     bridge accepts on the control socket; larger datagrams are refused in {@link
 *     Datagrams#CONTROL} mode (i2pd: 8,192)
 * @param signatureType asked for in {@code DEST GENERATE}
 * @param tunnelOptions I2CP and tunnel options passed verbatim to {@code SESSION CREATE}, sorted
 * @param maxDatagramBytes the largest datagram sent or accepted (at most 10,240)
 */
public record SamConfig(
    String host,
    int port,
    Datagrams datagrams,
    int udpPort,
    String forwardHost,
    int forwardPort,
    int controlFrameMax,
    String signatureType,
    Map<String, String> tunnelOptions,
    Duration connectTimeout,
    Duration replyTimeout,
    Duration sessionCreateTimeout,
    Backoff backoff,
    int maxAttempts,
    int inboundQueue,
    int outboundBuffer,
    Duration outboundMaxAge,
    int maxDatagramBytes) {

  /** Where datagrams travel between us and the SAM bridge. */
  public enum Datagrams {
    /** SAM 3 UDP forwarding: any size up to 10,240 on i2pd and Java I2P. */
    UDP,
    /** iMule's way: {@code DATAGRAM SEND/RECEIVED} on the TCP control socket. */
    CONTROL
  }

  public SamConfig {
    tunnelOptions = Collections.unmodifiableMap(new TreeMap<>(tunnelOptions));
    if (port <= 0 || port > 65535 || udpPort <= 0 || udpPort > 65535) {
      throw new IllegalArgumentException("SAM port out of range");
    }
    if (forwardPort < 0 || forwardPort > 65535) {
      throw new IllegalArgumentException("forward-port out of range");
    }
    if (maxDatagramBytes <= 0 || maxDatagramBytes > Limits.SAM_DATAGRAM_MAX) {
      throw new IllegalArgumentException(
          "max-datagram-bytes must be 1.." + Limits.SAM_DATAGRAM_MAX + ", got " + maxDatagramBytes);
    }
    if (inboundQueue <= 0 || outboundBuffer <= 0 || controlFrameMax <= 0 || maxAttempts < 0) {
      throw new IllegalArgumentException("SAM queue sizes and limits must be positive");
    }
    for (Map.Entry<String, String> e : tunnelOptions.entrySet()) {
      if (!token(e.getKey()) || !token(e.getValue()) || e.getKey().contains("=")) {
        throw new IllegalArgumentException(
            "tunnel option must be one word each side: " + e.getKey() + "=" + e.getValue());
      }
    }
  }

  private static boolean token(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 0x7F || c == '"') {
        return false;
      }
    }
    return true;
  }

  /** Reads {@code pekko-mule.transport} from the full configuration. */
  public static SamConfig from(Config root) {
    Config transport = root.getConfig("pekko-mule.transport");
    Config sam = transport.getConfig("sam");
    int port = sam.getInt("port");
    int udpPort = sam.getInt("udp-port");
    Map<String, String> options = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : sam.getConfig("tunnel").root().entrySet()) {
      options.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    Config reconnect = sam.getConfig("reconnect");
    return new SamConfig(
        sam.getString("host"),
        port,
        Datagrams.valueOf(sam.getString("datagrams").toUpperCase(Locale.ROOT)),
        udpPort == 0 ? port - 1 : udpPort,
        sam.getString("forward-host"),
        sam.getInt("forward-port"),
        sam.getInt("control-frame-max"),
        sam.getString("signature-type"),
        options,
        sam.getDuration("timeouts.connect"),
        sam.getDuration("timeouts.reply"),
        sam.getDuration("timeouts.session-create"),
        new Backoff(
            reconnect.getDuration("min-backoff"),
            reconnect.getDuration("max-backoff"),
            reconnect.getDouble("jitter")),
        reconnect.getInt("max-attempts"),
        sam.getInt("inbound-queue"),
        sam.getInt("outbound-buffer"),
        sam.getDuration("outbound-max-age"),
        transport.getInt("max-datagram-bytes"));
  }
}
