package io.pekkomule.node.transport;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.pekkomule.node.transport.embedded.EmbeddedConfig;
import io.pekkomule.node.transport.sam.SamConfig;
import io.pekkomule.protocol.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code pekko-mule.transport}, checked: which transport and its settings. {@link #from} checks
 * the common keys and the chosen transport's section against fixed bounds and reports every
 * problem at once ({@link TransportConfigException}), each with its full key, before any socket
 * or router is touched.
 */
public record TransportConfig(Kind kind, SamConfig sam, EmbeddedConfig embedded) {
  public static final String ROOT = "pekko-mule.transport";

  /** The transports {@code run --transport} and {@code kind} accept. */
  public enum Kind {
    /** A Java I2P router in this JVM (the default). */
    EMBEDDED,
    /** An external router (i2pd or Java I2P) through SAM 3. */
    SAM;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code s} (case-insensitive), or a clear error. */
    public static Kind parse(String s) {
      for (Kind k : values()) {
        if (k.id().equalsIgnoreCase(s.strip())) {
          return k;
        }
      }
      throw new TransportConfigException(List.of(
          ROOT + ".kind: unknown transport '" + s + "' (embedded or sam)"));
    }
  }

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]+");
  private static final Set<String> RELIABILITY = Set.of("none", "besteffort", "guaranteed");

  /** Reads and checks {@code pekko-mule.transport}; throws with every problem found. */
  public static TransportConfig from(Config root) {
    Checker c = new Checker(root);
    Kind kind = null;
    String k = c.string("kind");
    if (k != null) {
      try {
        kind = Kind.parse(k);
      } catch (TransportConfigException e) {
        c.problems.addAll(e.problems());
      }
    }
    c.intIn("max-datagram-bytes", 1, Limits.SAM_DATAGRAM_MAX);
    if (kind == Kind.SAM) {
      checkSam(c);
    } else if (kind == Kind.EMBEDDED) {
      checkEmbedded(c);
    }
    c.throwIfAny();
    try {
      return new TransportConfig(kind,
          kind == Kind.SAM ? SamConfig.from(root) : null,
          kind == Kind.EMBEDDED ? EmbeddedConfig.from(root) : null);
    } catch (IllegalArgumentException | ConfigException e) {
      throw new TransportConfigException(List.of(ROOT + ": " + e.getMessage()));
    }
  }

  private static void checkSam(Checker c) {
    String host = c.string("sam.host");
    if (host != null && (host.isBlank() || !HOST.matcher(host).matches())) {
      c.problem("sam.host", "not a host name or IP address: '" + host + "'");
    }
    c.intIn("sam.port", 1, 65535);
    c.intIn("sam.udp-port", 0, 65535);
    String fh = c.string("sam.forward-host");
    if (fh != null && !IPV4.matcher(fh).matches() && !IPV6.matcher(fh).matches()) {
      c.problem("sam.forward-host", "must be an IP literal the router can reach (i2pd does not"
          + " resolve names here), got '" + fh + "'");
    }
    c.intIn("sam.forward-port", 0, 65535);
    c.oneOf("sam.datagrams", Set.of("udp", "control"));
    c.intIn("sam.control-frame-max", 1024, 65536);
    String sig = c.string("sam.signature-type");
    if (sig != null && !sig.equals("DSA_SHA1")) {
      c.problem("sam.signature-type", "must be DSA_SHA1: iMule accepts only 387-byte DSA_SHA1"
          + " destinations, got '" + sig + "'");
    }
    checkTunnel(c, "sam.tunnel");
    c.positive("sam.timeouts.connect");
    c.positive("sam.timeouts.reply");
    c.positive("sam.timeouts.session-create");
    checkReconnect(c, "sam.reconnect");
    c.intIn("sam.inbound-queue", 1, 100_000);
    c.intIn("sam.outbound-buffer", 1, 100_000);
    c.positive("sam.outbound-max-age");
  }

  private static void checkEmbedded(Checker c) {
    String dir = c.string("embedded.router-dir");
    if (dir != null && dir.isBlank()) {
      c.problem("embedded.router-dir", "must not be empty");
    }
    c.bool("embedded.reseed");
    c.bool("embedded.offline");
    c.intIn("embedded.bandwidth.inbound-kbytes-per-second", 12, 1_000_000);
    c.intIn("embedded.bandwidth.outbound-kbytes-per-second", 12, 1_000_000);
    c.intIn("embedded.bandwidth.share-percent", 0, 100);
    checkRouterOptions(c, "embedded.router-options");
    checkTunnel(c, "embedded.tunnel");
    c.positive("embedded.timeouts.router-start");
    c.positive("embedded.timeouts.session");
    checkReconnect(c, "embedded.reconnect");
    c.intIn("embedded.inbound-queue", 1, 100_000);
    c.intIn("embedded.outbound-buffer", 1, 100_000);
    c.positive("embedded.outbound-max-age");
  }

  /**
   * Verbatim Java I2P router properties: one value each (a dotted name must be quoted, or HOCON
   * makes it an object), and none of those the transport sets from other keys or that Java I2P
   * would ignore here.
   */
  private static void checkRouterOptions(Checker c, String key) {
    forEachOption(c, key, (name, full, v) -> {
      if (!singleValue(v)) {
        c.problem(full, "must be a single value (quote dotted property names: \"" + name
            + ".…\" = value)");
      } else if (!oneWord(name) || name.contains("=")) {
        c.problem(full, "property names must be one word");
      } else if (name.startsWith("i2p.dir.") || name.equals("router.configLocation")) {
        c.problem(full, "set from router-dir, not here");
      } else if (name.equals("router.networkID")) {
        c.problem(full, "Java I2P 2.7 reads it from router.config only; it would be ignored here");
      } else if (name.equals("router.reseedDisable")) {
        c.problem(full, "set from reseed (and offline), not here");
      }
    });
  }

  /** One option of a verbatim options object: its name, its full config path, its value. */
  private interface OptionCheck {
    void check(String name, String full, ConfigValue value);
  }

  /** Runs {@code check} on each entry of the options object at {@code key}, if there is one. */
  private static void forEachOption(Checker c, String key, OptionCheck check) {
    Map<String, ConfigValue> opts = c.object(key);
    if (opts == null) {
      return;
    }
    for (Map.Entry<String, ConfigValue> e : opts.entrySet()) {
      check.check(e.getKey(), key + ".\"" + e.getKey() + "\"", e.getValue());
    }
  }

  private static boolean singleValue(ConfigValue v) {
    return v.valueType() != ConfigValueType.OBJECT && v.valueType() != ConfigValueType.LIST
        && v.valueType() != ConfigValueType.NULL;
  }

  private static void checkTunnel(Checker c, String key) {
    forEachOption(c, key, (name, full, v) -> {
      if (!singleValue(v)) {
        c.problem(full, "must be a single value");
        return;
      }
      String value = String.valueOf(v.unwrapped());
      if (!oneWord(name) || !oneWord(value) || name.contains("=")) {
        c.problem(full, "option names and values must be one word each, got '" + value + "'");
        return;
      }
      switch (name) {
        case "inbound.length", "outbound.length" -> c.intText(full, value, 0, 7);
        case "inbound.quantity", "outbound.quantity" -> c.intText(full, value, 1, 16);
        case "inbound.backupQuantity", "outbound.backupQuantity" -> c.intText(full, value, 0, 16);
        case "inbound.lengthVariance", "outbound.lengthVariance" -> c.intText(full, value, -7, 7);
        case "i2cp.messageReliability" -> {
          if (!RELIABILITY.contains(value.toLowerCase(Locale.ROOT))) {
            c.problem(full, "must be None, BestEffort or Guaranteed, got '" + value + "'");
          }
        }
        default -> { }
      }
    });
  }

  private static void checkReconnect(Checker c, String key) {
    Duration min = c.positive(key + ".min-backoff");
    Duration max = c.positive(key + ".max-backoff");
    if (min != null && max != null && max.compareTo(min) < 0) {
      c.problem(key + ".max-backoff", "must be at least min-backoff (" + min + "), got " + max);
    }
    Double j = c.dbl(key + ".jitter");
    if (j != null && !(j >= 0 && j < 1)) {
      c.problem(key + ".jitter", "must be in [0, 1), got " + j);
    }
    c.intIn(key + ".max-attempts", 0, 1_000_000);
  }

  private static boolean oneWord(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch <= ' ' || ch >= 0x7F || ch == '"') {
        return false;
      }
    }
    return true;
  }

  /** {@code root} with the transport kind set ({@code run --transport}); checked. */
  public static Config withKind(Config root, String kind) {
    Kind k = Kind.parse(kind);
    return ConfigFactory.parseMap(Map.of(ROOT + ".kind", k.id())).withFallback(root);
  }

  /**
   * {@code root} with the SAM bridge at {@code hostPort} ({@code run --sam HOST:PORT}, IPv6 as
   * {@code [::1]:7656}); checked.
   */
  public static Config withSam(Config root, String hostPort) {
    String s = hostPort.strip();
    int colon = s.lastIndexOf(':');
    String host = colon < 0 ? "" : s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = -1;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (host.isEmpty() || !HOST.matcher(host).matches() || port < 1 || port > 65535) {
      throw new TransportConfigException(List.of(
          "--sam: expected HOST:PORT with a port in 1..65535 (e.g. 127.0.0.1:7656), got '"
              + hostPort + "'"));
    }
    return ConfigFactory.parseMap(Map.of(ROOT + ".sam.host", host, ROOT + ".sam.port", port))
        .withFallback(root);
  }

  /** Collects problems; every accessor returns null when the key is missing or mistyped. */
  private static final class Checker {
    final Config t;
    final List<String> problems = new ArrayList<>();

    Checker(Config root) {
      Config x = null;
      try {
        x = root.getConfig(ROOT);
      } catch (ConfigException e) {
        problems.add(ROOT + ": missing or not an object");
      }
      this.t = x;
    }

    void problem(String key, String what) {
      problems.add(ROOT + "." + key + ": " + what);
    }

    void throwIfAny() {
      if (!problems.isEmpty()) {
        throw new TransportConfigException(problems);
      }
    }

    private <T> T get(String key, java.util.function.Function<String, T> f, String expected) {
      if (t == null) {
        return null;
      }
      try {
        return f.apply(key);
      } catch (ConfigException.Missing e) {
        problem(key, "missing");
      } catch (ConfigException.WrongType | ConfigException.BadValue e) {
        String got = t.hasPathOrNull(key) && !t.getIsNull(key)
            ? " '" + t.getValue(key).unwrapped() + "'" : "";
        problem(key, "expected " + expected + ", got" + (got.isEmpty() ? " null" : got));
      }
      return null;
    }

    String string(String key) {
      return get(key, k -> t.getString(k), "a string");
    }

    Boolean bool(String key) {
      return get(key, k -> t.getBoolean(k), "on or off");
    }

    Double dbl(String key) {
      return get(key, k -> t.getDouble(k), "a number");
    }

    Map<String, ConfigValue> object(String key) {
      return get(key, k -> t.getObject(k), "an object { ... }");
    }

    Integer intIn(String key, int min, int max) {
      Integer v = get(key, k -> t.getInt(k), "a whole number");
      if (v != null && (v < min || v > max)) {
        problem(key, "must be " + min + ".." + max + ", got " + v);
        return null;
      }
      return v;
    }

    void intText(String full, String value, int min, int max) {
      try {
        int v = Integer.parseInt(value);
        if (v < min || v > max) {
          problems.add(ROOT + "." + full + ": must be " + min + ".." + max + ", got " + v);
        }
      } catch (NumberFormatException e) {
        problems.add(ROOT + "." + full + ": expected a whole number, got '" + value + "'");
      }
    }

    void oneOf(String key, Set<String> allowed) {
      String v = string(key);
      if (v != null && !allowed.contains(v.toLowerCase(Locale.ROOT))) {
        problem(key, "must be one of " + new java.util.TreeSet<>(allowed) + ", got '" + v + "'");
      }
    }

    Duration positive(String key) {
      Duration d = get(key, k -> t.getDuration(k), "a duration like 30s");
      if (d != null && (d.isNegative() || d.isZero())) {
        problem(key, "must be a positive duration, got " + d);
        return null;
      }
      return d;
    }
  }
}
