package io.pekkomule.node.cli;

import com.typesafe.config.Config;
import io.pekkomule.node.run.NodeRunner;
import io.pekkomule.node.run.RunOptions;
import io.pekkomule.node.run.TransportRegistry;
import io.pekkomule.node.run.TransportUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pekko-mule run}: one node on a data directory until it is stopped (SIGTERM / Ctrl-C run
 * the graceful shutdown). Prints exactly one line on stdout, {@code dashboard:
 * http://127.0.0.1:PORT/}, once the node and its API are up.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a node on a data directory until stopped (SIGTERM or Ctrl-C stop it gracefully: "
          + "replies drain, the routing table is persisted and nodes.dat written).",
      "Prints one line, `dashboard: http://127.0.0.1:PORT/`, when the node is up; the API token "
          + "is in DIR/api.token. `pekko-mule status --data DIR` asks the running node."
    },
    footer = {"", "Exit codes: 0 stopped normally, 1 internal error, 2 bad input (options, files,"
        + " configuration, transport that cannot start)."})
public final class RunCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory: identity, journal, api.token, nodes.dat (created if missing;"
          + " default: pekko-mule.data-dir of the configuration).")
  private Path data;

  @Option(names = "--transport", paramLabel = "NAME",
      description = "lab (simulated I2P network of lab peers in this JVM), sam (an I2P router"
          + " through SAM 3) or embedded (an I2P router in this JVM). Default:"
          + " pekko-mule.transport.kind of the configuration.")
  private String transport;

  @Option(names = "--sam", paramLabel = "HOST:PORT",
      description = "SAM bridge of the router (sam transport; default from the configuration,"
          + " 127.0.0.1:7656).")
  private String sam;

  @Option(names = "--bootstrap-file", paramLabel = "FILE",
      description = "A nodes.dat (any iMule version) to start from, besides the stored contacts.")
  private Path bootstrapFile;

  @Option(names = "--api-port", paramLabel = "N",
      description = "Port of the management API and dashboard on loopback (0 = any free port;"
          + " default: pekko-mule.management.http.port, 7626).")
  private Integer apiPort;

  @Option(names = "--lab-peers", paramLabel = "N",
      description = "lab transport: peers in the simulated network (default: pekko-mule.run.lab-peers, 30).")
  private Integer labPeers;

  @Option(names = "--overlay", paramLabel = "NAME",
      description = "imule (iMule's Kad over I2P, the default) or kad4 (aMule's classic Kad2 over"
          + " IPv4 UDP; needs --bind; keeps its own KadID in DIR/kad4.properties and refuses a data"
          + " directory of an I2P node: one identity, one overlay).")
  private String overlay;

  @Option(names = "--bind", paramLabel = "IP:PORT",
      description = "kad4: the IPv4 address and UDP port to bind (a concrete address).")
  private String bind;

  @Option(names = "--lab-seed", paramLabel = "S",
      description = "lab transport: seed of the peers (default: derived from our KadID, so a restart"
          + " finds the same peers).")
  private Long labSeed;

  @Option(names = "--lab-publishers", paramLabel = "N",
      description = "lab transport: N peers each share a file whose source and keyword this node is"
          + " closest to, so their publications reach it (default 0).")
  private Integer labPublishers;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Config base = PekkoMuleCommand.effectiveConfig(spec);
    String ov = overlay == null ? "imule" : overlay;
    if (!ov.equals("imule") && !ov.equals("kad4")) {
      return fail("unknown overlay '" + ov + "' (known: imule, kad4)");
    }
    if (ov.equals("kad4")) {
      return runKad4(base, out);
    }
    if (bind != null) {
      return fail("--bind is only for --overlay kad4");
    }
    RunOptions options;
    try {
      options = options(base);
    } catch (IllegalArgumentException e) {
      return fail(e.getMessage());
    }
    // stdout carries exactly one line (the dashboard URL): whatever libraries print there (the
    // embedded I2P router's reseed and clock messages) goes to stderr while the node runs
    java.io.PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      return runNode(base, options, out);
    } finally {
      System.setOut(stdout);
    }
  }

  /** "FILE: no such file or directory" rather than an exception's class name. */
  static String fileProblem(java.nio.file.FileSystemException e) {
    String what = e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e instanceof java.nio.file.NotDirectoryException ? "not a directory"
        : e instanceof java.nio.file.FileAlreadyExistsException ? "exists and is not a directory"
        : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    return (e.getFile() == null ? "" : e.getFile() + ": ") + what;
  }

  private int runNode(Config base, RunOptions options, PrintWriter out) throws Exception {
    NodeRunner.Running running;
    try {
      running = NodeRunner.start(base, options, line -> {
        out.println(line);
        out.flush();
      });
    } catch (TransportUnavailableException | IllegalArgumentException
        | com.typesafe.config.ConfigException e) {
      return fail(e.getMessage());
    } catch (io.pekkomule.protocol.wire.DecodeException e) {
      return fail("--bootstrap-file: not a nodes.dat: " + e.getMessage());
    } catch (java.nio.file.FileSystemException e) {
      return fail(fileProblem(e) + " (check --data and its permissions)");
    } catch (java.io.IOException e) {
      return fail(e.toString());
    } catch (java.sql.SQLException e) {
      return fail(options.dataDir() + ": cannot open the journal (is another node running on"
          + " this data directory?): " + e.getMessage());
    }
    running.system().getWhenTerminated().toCompletableFuture().get();
    return Cli.OK;
  }

  /** {@code --overlay kad4}: a classic-Kad node on its own identity (issue 9). */
  private int runKad4(Config base, PrintWriter out) throws Exception {
    if (transport != null || sam != null || labPeers != null || labSeed != null
        || apiPort != null) {
      return fail("--transport, --sam, --lab-peers, --lab-seed and --api-port are not for"
          + " --overlay kad4");
    }
    if (bind == null) {
      return fail("--overlay kad4 needs --bind IP:PORT");
    }
    io.pekkomule.node.kad4.Kad4Runner.Running running;
    try {
      Path dir = data != null ? data : Path.of(base.getString("pekko-mule.data-dir"));
      running = io.pekkomule.node.kad4.Kad4Runner.start(dir,
          io.pekkomule.node.kad4.Kad4Node.parseBind(bind), 4662,
          Optional.ofNullable(bootstrapFile), line -> {
            out.println(line);
            out.flush();
          });
    } catch (IllegalArgumentException | java.io.IOException e) {
      return fail(e.getMessage());
    }
    running.system().getWhenTerminated().toCompletableFuture().get();
    running.node().close();
    return Cli.OK;
  }

  private RunOptions options(Config base) {
    Path dir = data != null ? data : Path.of(base.getString("pekko-mule.data-dir"));
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a directory");
    }
    Path parent = dir.toAbsolutePath().normalize().getParent();
    if (!Files.exists(dir) && parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(dir + ": parent directory " + parent + " does not exist");
    }
    String t = transport != null ? transport : base.getString("pekko-mule.transport.kind");
    if (TransportRegistry.find(t).isEmpty()) {
      throw new IllegalArgumentException("unknown transport '" + t + "' (known: "
          + String.join(", ", new TreeSet<>(TransportRegistry.names())) + ")");
    }
    Optional<RunOptions.HostPort> samAt = Optional.empty();
    if (sam != null) {
      if (!"sam".equals(t)) {
        throw new IllegalArgumentException("--sam is only for --transport sam");
      }
      samAt = Optional.of(RunOptions.HostPort.parse(sam));
    }
    if ((labPeers != null || labSeed != null || labPublishers != null) && !"lab".equals(t)) {
      throw new IllegalArgumentException(
          "--lab-peers, --lab-seed and --lab-publishers are only for --transport lab");
    }
    if (bootstrapFile != null && !Files.isRegularFile(bootstrapFile)) {
      throw new IllegalArgumentException("--bootstrap-file " + bootstrapFile + ": no such file");
    }
    if (apiPort != null && (apiPort < 0 || apiPort > 65535)) {
      throw new IllegalArgumentException("--api-port must be 0..65535, got " + apiPort);
    }
    int peers = labPeers != null ? labPeers : base.getInt("pekko-mule.run.lab-peers");
    return new RunOptions(dir.toAbsolutePath().normalize(), t, samAt,
        Optional.ofNullable(bootstrapFile), Optional.ofNullable(apiPort), peers,
        Optional.ofNullable(labSeed), labPublishers == null ? 0 : labPublishers);
  }

  private int fail(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("run: " + message);
    err.flush();
    return Cli.BAD_INPUT;
  }

  static void awaitQuietly(java.util.concurrent.CompletionStage<?> s) {
    try {
      s.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
  }
}
