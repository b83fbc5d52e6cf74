package io.pekkomule.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server for one test class: {@code initdb} into a temp dir, {@code pg_ctl start} on a
 * free loopback port (Unix socket in the same dir, fsync off), {@code pg_ctl stop -m immediate}
 * afterwards. Run as the {@code postgres} user when the test runs as root (PostgreSQL refuses
 * root).
 */
public final class ThrowawayPostgres implements AutoCloseable {
  private final Path binDir;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  private ThrowawayPostgres(Path binDir, Path dir, int port, boolean asPostgresUser) {
    this.binDir = binDir;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The directory holding initdb and pg_ctl, if PostgreSQL is installed. */
  public static Optional<Path> findBinaries() {
    List<Path> candidates = new ArrayList<>();
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.map(v -> v.resolve("bin"))
            .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
            .forEach(candidates::add);
      } catch (IOException ignored) {
        // fall through to PATH
      }
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String p : path.split(java.io.File.pathSeparator)) {
      if (!p.isEmpty()) {
        candidates.add(Path.of(p));
      }
    }
    return candidates.stream()
        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
        .findFirst();
  }

  private static int versionOf(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public static ThrowawayPostgres start(Path binDir) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("pekkomule-pg");
    if (root) {
      UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, pg);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ThrowawayPostgres pg = new ThrowawayPostgres(binDir, dir, port, root);
    pg.run(binDir.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
        "-U", "postgres", "--no-sync", "-E", "UTF8");
    pg.run(binDir.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", "30", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    return pg;
  }

  public int port() {
    return port;
  }

  private void run(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (asPostgresUser) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("commands.log").toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", cmd));
    }
    if (p.exitValue() != 0) {
      throw new IOException("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
          + Files.readString(dir.resolve("commands.log")));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      run(binDir.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
          "immediate", "-w", "stop");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL", e);
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
