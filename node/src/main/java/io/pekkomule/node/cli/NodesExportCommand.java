package io.pekkomule.node.cli;

import com.typesafe.config.Config;
import io.pekkomule.node.run.NodesExport;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.persistence.NodeStore;
import io.pekkomule.persistence.SchemaBootstrap;
import io.pekkomule.persistence.buckets.RecoveryReport;
import io.pekkomule.persistence.buckets.RoutingBuckets;
import io.pekkomule.persistence.identity.Identity;
import io.pekkomule.persistence.identity.IdentityStore;
import io.pekkomule.protocol.I2pDestination;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodes export --data DIR --out FILE}: a nodes.dat v2 holding this node and its verified
 * contacts, read from the persisted state (run it while the node is stopped; a running node writes
 * DIR/nodes.dat itself at graceful shutdown).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write a nodes.dat v2 (the format iMule reads) holding this node and its verified,",
      "not-dead contacts, best first, from the state persisted in DIR, so that another node can",
      "bootstrap from it. Prints `exported=N file=FILE`. Run it while the node is stopped."
    })
public final class NodesExportCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (default: pekko-mule.data-dir of the configuration).")
  private Path data;

  @Option(names = "--out", paramLabel = "FILE", required = true,
      description = "The nodes.dat to write (replaced atomically).")
  private Path out;

  @Override
  public Integer call() {
    Config base = PekkoMuleCommand.effectiveConfig(spec);
    Path dir = data != null ? data : Path.of(base.getString("pekko-mule.data-dir"));
    if (!Files.isDirectory(dir)) {
      return fail(dir + ": no such data directory");
    }
    Path parent = out.toAbsolutePath().normalize().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      return fail("--out " + out + ": directory " + parent + " does not exist");
    }
    if (Files.isDirectory(out)) {
      return fail("--out " + out + ": is a directory");
    }
    Config config = JournalConfig.forDataDir(base, dir);
    if (JournalConfig.dialect(config) == JournalConfig.Dialect.H2
        && !Files.isRegularFile(JournalConfig.h2DatabaseFile(dir))) {
      return fail(dir + ": no node state (no journal at " + JournalConfig.h2DatabaseFile(dir) + ")");
    }
    try {
      SchemaBootstrap.checkReachable(config);
    } catch (SQLException e) {
      return fail(dir + ": cannot open the journal (is the node running?): " + e.getMessage());
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "pekko-mule-export", config);
    try {
      Duration t = NodeStore.get(system).settings().askTimeout();
      Optional<Identity> id = IdentityStore.find(system).toCompletableFuture()
          .get(t.toSeconds() + 15, TimeUnit.SECONDS);
      if (id.isEmpty()) {
        return fail(dir + ": no identity in the journal");
      }
      RecoveryReport r = AskPattern.<RoutingBuckets.Command, RecoveryReport>ask(
              NodeStore.get(system).buckets(), RoutingBuckets.GetContacts::new, t,
              system.scheduler())
          .toCompletableFuture().get(t.toSeconds() + 15, TimeUnit.SECONDS);
      I2pDestination own = id.get().destinationKeys().map(k -> k.destination()).orElse(null);
      List<?> written = NodesExport.contacts(id.get(), own, base.getInt("pekko-mule.kad.version"),
          r.contacts());
      NodesExport.write(out, id.get(), own, base.getInt("pekko-mule.kad.version"), r.contacts());
      PrintWriter o = spec.commandLine().getOut();
      o.println("exported=" + written.size() + " file=" + out);
      o.flush();
      return Cli.OK;
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      return fail(dir + ": " + c.getMessage());
    } catch (TimeoutException e) {
      return fail(dir + ": the journal did not answer in time");
    } catch (java.io.IOException e) {
      return fail("--out " + out + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // best effort
      }
    }
  }

  private int fail(String line) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("nodes export: " + line);
    err.flush();
    return Cli.BAD_INPUT;
  }
}
