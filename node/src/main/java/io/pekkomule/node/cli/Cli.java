package io.pekkomule.node.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Builds the {@code pekko-mule} command line: the root command, its subcommands, and an execution
 * strategy that loads the configuration (bundled defaults, optionally overridden by {@code
 * --config FILE}) before any command runs.
 */
public final class Cli {
  /** Exit code for success. */
  public static final int OK = CommandLine.ExitCode.OK;
  /** Exit code for bad operator input: usage errors, missing or damaged files, bad config. */
  public static final int BAD_INPUT = CommandLine.ExitCode.USAGE;

  private Cli() {}

  /**
   * The registration point: every top-level command, one line each. A command class is a
   * picocli {@code @Command} (name, description, options); it can reach the loaded configuration
   * with {@code PekkoMuleCommand.of(spec).config()}.
   */
  private static void addSubcommands(CommandLine root) {
    root.addSubcommand(new CommandLine.HelpCommand());
    root.addSubcommand(new NodesCommand());
    root.addSubcommand(new IdentityCommand());
    root.addSubcommand(new ContractCommand());
    root.addSubcommand(new BenchCommand());
    root.addSubcommand(new io.pekkomule.node.api.StatusCommand());
    root.addSubcommand(new LabCommand());
    root.addSubcommand(new RunCommand());
    // contract, bench, run, identity, status: add one line each here.
  }

  /** A fresh command line (one per invocation; command objects hold parsed state). */
  public static CommandLine create() {
    CommandLine cl = new CommandLine(new PekkoMuleCommand());
    addSubcommands(cl);
    cl.setExecutionStrategy(Cli::execute);
    cl.setParameterExceptionHandler(Cli::usageError);
    return cl;
  }

  /**
   * A usage error: the command's name and the problem on one line, picocli's suggestions for a
   * mistyped option, then where to look: for a command with subcommands its usage (the list of
   * them), for any other a pointer to its {@code --help} (the full usage would bury the line).
   */
  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine c = ex.getCommandLine();
    java.io.PrintWriter err = c.getErr();
    String name = c.getCommandSpec().qualifiedName();
    err.println(name + ": " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    if (!c.getSubcommands().isEmpty()) {
      c.usage(err);
    } else {
      err.println("Run '" + name + " --help' for the options.");
    }
    err.flush();
    return c.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static int execute(ParseResult parsed) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    CommandLine root = parsed.commandSpec().commandLine();
    Path file = configOption(parsed);
    Config config;
    try {
      config = ConfigLoader.load(file);
    } catch (ConfigLoader.BadConfigException e) {
      root.getErr().println("pekko-mule: " + e.getMessage());
      root.getErr().flush();
      return BAD_INPUT;
    }
    ((PekkoMuleCommand) root.getCommand()).useConfig(config, file);
    return new CommandLine.RunLast().execute(parsed);
  }

  // --config is inherited by every subcommand; the last occurrence on the line wins.
  private static Path configOption(ParseResult parsed) {
    Path found = null;
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(PekkoMuleCommand.CONFIG_OPTION)) {
        found = p.matchedOptionValue(PekkoMuleCommand.CONFIG_OPTION, found);
      }
    }
    return found;
  }
}
