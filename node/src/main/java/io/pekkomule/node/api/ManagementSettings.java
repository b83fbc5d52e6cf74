package io.pekkomule.node.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Validated settings of the management HTTP API (HOCON root {@code pekko-mule.management}, file
 * conf/management.conf). A non-loopback host is refused unless explicitly allowed: the API is for
 * the operator of this machine, and it speaks plain HTTP.
 */
public record ManagementSettings(
    String host,
    int port,
    boolean allowNonLoopback,
    long maxRequestBytes,
    Duration askTimeout,
    Duration eventsKeepAlive,
    int eventsBuffer) {

  public static final String ROOT = "pekko-mule.management";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** A management setting an operator must fix; the message names the full key. */
  public static final class BadSettingException extends RuntimeException {
    public BadSettingException(String key, String problem) {
      super(key + ": " + problem);
    }
  }

  /** Reads and validates {@code pekko-mule.management} from a root config. */
  public static ManagementSettings fromConfig(Config root) {
    if (!root.hasPath(ROOT)) {
      throw new BadSettingException(ROOT, "missing");
    }
    Config c = root.getConfig(ROOT);
    String host = read(c, "http.host", () -> c.getString("http.host")).trim();
    boolean allow = read(c, "http.allow-non-loopback", () -> c.getBoolean("http.allow-non-loopback"));
    InetAddress address = address(host);
    if (!address.isLoopbackAddress() && !allow) {
      throw new BadSettingException(ROOT + ".http.host",
          "\"" + host + "\" is not a loopback address; the API is plain HTTP for the local"
              + " operator (set http.allow-non-loopback = on to expose it anyway)");
    }
    int port = read(c, "http.port", () -> c.getInt("http.port"));
    if (port < 0 || port > 65_535) {
      throw new BadSettingException(ROOT + ".http.port", "must be in [0, 65535], got " + port);
    }
    long max = read(c, "max-request-bytes", () -> c.getBytes("max-request-bytes"));
    if (max < 1024 || max > 1024 * 1024) {
      throw new BadSettingException(ROOT + ".max-request-bytes",
          "must be in [1KiB, 1MiB], got " + max + " bytes");
    }
    Duration ask = duration(c, "ask-timeout", Duration.ofMillis(100), Duration.ofSeconds(60));
    Duration keepAlive =
        duration(c, "events.keep-alive", Duration.ofSeconds(1), Duration.ofSeconds(120));
    int buffer = read(c, "events.buffer", () -> c.getInt("events.buffer"));
    if (buffer < 16 || buffer > 65_536) {
      throw new BadSettingException(ROOT + ".events.buffer", "must be in [16, 65536], got " + buffer);
    }
    return new ManagementSettings(host, port, allow, max, ask, keepAlive, buffer);
  }

  /** The base URL a local client uses: a wildcard bind is reached through loopback. */
  public String localUrl(int boundPort) {
    return url(host, boundPort);
  }

  static String url(String host, int port) {
    String h = host;
    if (h.equals("0.0.0.0")) {
      h = "127.0.0.1";
    } else if (h.equals("::") || h.equals("[::]")) {
      h = "[::1]";
    } else if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return "http://" + h + ":" + port + "/";
  }

  // Only literals (and "localhost"): a name would need DNS at start and could resolve elsewhere.
  private static InetAddress address(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!h.equals("localhost") && !IPV4.matcher(h).matches() && !h.contains(":")) {
      throw new BadSettingException(ROOT + ".http.host",
          "must be an IP address or \"localhost\", got \"" + host + "\"");
    }
    try {
      return InetAddress.getByName(h);
    } catch (UnknownHostException e) {
      throw new BadSettingException(ROOT + ".http.host", "not a valid address: \"" + host + "\"");
    }
  }

  private static Duration duration(Config c, String path, Duration min, Duration max) {
    Duration d = read(c, path, () -> c.getDuration(path));
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new BadSettingException(ROOT + "." + path,
          "must be in [" + min.toMillis() + "ms, " + max.toMillis() + "ms], got " + d.toMillis() + "ms");
    }
    return d;
  }

  private static <T> T read(Config c, String path, java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (ConfigException.Missing e) {
      throw new BadSettingException(ROOT + "." + path, "missing");
    } catch (ConfigException e) {
      throw new BadSettingException(ROOT + "." + path, e.getMessage());
    }
  }
}
