package io.pekkomule.node.run;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@code run}, validated by the command.
 *
 * @param transport a name of {@link TransportRegistry}
 * @param sam {@code --sam HOST:PORT}, overriding {@code pekko-mule.transport.sam.host/port}
 * @param bootstrapFile a nodes.dat (any iMule version) to start from when no contact is stored
 * @param apiPort overrides {@code pekko-mule.management.http.port} (0 = any free port)
 * @param labPeers lab transport: peers in the simulated network
 * @param labSeed lab transport: seed of the peers (identities, latencies); empty = from our KadID,
 *     so the same peers come back after a restart
 * @param labPublishers lab transport: peers that each share one file whose source and keyword
 *     this node is the closest node to, so their publications reach it (0 = none)
 */
public record RunOptions(
    Path dataDir,
    String transport,
    Optional<HostPort> sam,
    Optional<Path> bootstrapFile,
    Optional<Integer> apiPort,
    int labPeers,
    Optional<Long> labSeed,
    int labPublishers) {

  public RunOptions(Path dataDir, String transport, Optional<HostPort> sam,
      Optional<Path> bootstrapFile, Optional<Integer> apiPort, int labPeers,
      Optional<Long> labSeed) {
    this(dataDir, transport, sam, bootstrapFile, apiPort, labPeers, labSeed, 0);
  }

  public RunOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(transport, "transport");
  }

  /** {@code HOST:PORT}. */
  public record HostPort(String host, int port) {
    /** Parses {@code HOST:PORT}; the message of the exception says what is wrong. */
    public static HostPort parse(String s) {
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || colon == s.length() - 1) {
        throw new IllegalArgumentException("expected HOST:PORT, got '" + s + "'");
      }
      String host = s.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port of '" + s + "' is not a number");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port of '" + s + "' must be 1..65535");
      }
      return new HostPort(host, port);
    }
  }
}
