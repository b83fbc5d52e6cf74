package io.pekkomule.node.cli;

import com.typesafe.config.Config;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.persistence.SchemaBootstrap;
import io.pekkomule.persistence.identity.Identity;
import io.pekkomule.persistence.identity.IdentityStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pekko-mule identity show|rotate}: the node identity kept in a data directory's journal.
 * Prints the KadID and the {@code .b32.i2p} address only; never the secret or the keys. Run it
 * while the node is stopped (the embedded journal file is locked by a running node).
 */
@Command(
    name = "identity",
    mixinStandardHelpOptions = true,
    description = "Show or rotate the node identity stored in a data directory.",
    commandListHeading = "%nCommands:%n",
    subcommands = {IdentityCommand.Show.class, IdentityCommand.Rotate.class})
public final class IdentityCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }

  /** The one output line: {@code kadId=<32 hex> b32=<52 chars>.b32.i2p} (or {@code b32=none}). */
  static String line(Identity id) {
    return "kadId=" + id.kadId().toHex() + " b32=" + id.b32().orElse("none");
  }

  /** {@code identity show [--data DIR]}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print the stored identity as one line: kadId=<32 hex> b32=<address>.b32.i2p "
            + "(b32=none while no destination was created yet). Never prints a key."
      },
      footer = {"", "Exit codes: 0 printed, 1 internal error, 2 bad input (no such data "
          + "directory, no identity in it, a damaged identity file)."})
  static final class Show implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
        description = "Data directory (default: pekko-mule.data-dir of the configuration).")
    private Path data;

    @Override
    public Integer call() {
      return withJournal(spec, data, "identity show", (system) -> IdentityStore.find(system));
    }
  }

  /** {@code identity rotate --confirm [--data DIR]}. */
  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Replace the stored identity: new random KadID and UDP verify-key secret; the I2P",
        "destination keys are dropped, so the node creates a new destination at its next start.",
        "Refused without --confirm. Prints the new identity like `identity show`."
      })
  static final class Rotate implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
        description = "Data directory (default: pekko-mule.data-dir of the configuration).")
    private Path data;

    @Option(names = "--confirm", description = "Required: the old identity is gone for good.")
    private boolean confirm;

    @Override
    public Integer call() {
      if (!confirm) {
        return fail(spec, "identity rotate", "refusing to rotate the identity without --confirm");
      }
      return withJournal(spec, data, "identity rotate",
          (system) -> IdentityStore.rotate(system, true).thenApply(Optional::of));
    }
  }

  /**
   * Opens the journal of the data directory in a short-lived actor system, runs {@code action},
   * prints the identity line. Every operator-fixable problem is one line on stderr and exit 2.
   */
  private static int withJournal(CommandSpec spec, Path data, String name,
      Function<ActorSystem<?>, CompletionStage<Optional<Identity>>> action) {
    Config base = PekkoMuleCommand.of(spec).config();
    Path dir = data != null ? data : Path.of(base.getString("pekko-mule.data-dir"));
    if (!Files.isDirectory(dir)) {
      return fail(spec, name, dir + ": no such data directory");
    }
    Config config = JournalConfig.forDataDir(base, dir);
    if (JournalConfig.dialect(config) == JournalConfig.Dialect.H2
        && !Files.isRegularFile(JournalConfig.h2DatabaseFile(dir))) {
      return fail(spec, name, dir + ": no identity (no journal at "
          + JournalConfig.h2DatabaseFile(dir) + ")");
    }
    try {
      SchemaBootstrap.checkReachable(config);
    } catch (SQLException e) {
      return fail(spec, name, dir + ": cannot open the journal (is the node running?): "
          + e.getMessage());
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "pekko-mule-identity", config);
    try {
      Optional<Identity> id = action.apply(system).toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (id.isEmpty()) {
        return fail(spec, name, dir + ": no identity in the journal");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(line(id.get()));
      out.flush();
      return Cli.OK;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return fail(spec, name, dir + ": " + cause.getMessage());
    } catch (TimeoutException e) {
      return fail(spec, name, dir + ": the journal did not answer within 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(spec, name, dir + ": interrupted");
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException ignored) {
        // best effort: the JVM exits anyway
      }
    }
  }

  private static int fail(CommandSpec spec, String name, String line) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(name + ": " + line);
    err.flush();
    return Cli.BAD_INPUT;
  }
}
