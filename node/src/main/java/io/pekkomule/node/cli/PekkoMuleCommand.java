package io.pekkomule.node.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command {@code pekko-mule}: global options and the loaded configuration. */
@Command(
    name = "pekko-mule",
    mixinStandardHelpOptions = true,
    versionProvider = PekkoMuleCommand.Version.class,
    description = "An iMule-compatible KAD node over I2P.",
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Exit codes: 0 success, 1 internal error, 2 bad input (usage, missing or damaged file,"
          + " bad config)."
    })
public final class PekkoMuleCommand implements Runnable {
  static final String CONFIG_OPTION = "--config";

  @Spec private CommandSpec spec;

  @Option(
      names = CONFIG_OPTION,
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "HOCON file whose settings override the bundled defaults (conf/application.conf).")
  private Path configFile;

  private Config config;
  private Path configSource;

  /** The root command of the command line that {@code spec} belongs to. */
  public static PekkoMuleCommand of(CommandSpec spec) {
    return (PekkoMuleCommand) spec.root().userObject();
  }

  /**
   * The configuration a subcommand should use: the root's (bundled defaults plus {@code --config})
   * when it runs under {@code pekko-mule}, else the bundled defaults (a command built on its own,
   * as in tests).
   */
  public static Config effectiveConfig(CommandSpec spec) {
    return spec.root().userObject() instanceof PekkoMuleCommand root
        ? root.config()
        : com.typesafe.config.ConfigFactory.load();
  }

  /** The effective configuration; loaded and validated before any subcommand runs. */
  public Config config() {
    return Objects.requireNonNull(config, "configuration not loaded yet");
  }

  /** The {@code --config} file in effect, if one was given. */
  public Optional<Path> configFile() {
    return Optional.ofNullable(configSource);
  }

  void useConfig(Config config, Path source) {
    this.config = config;
    this.configSource = source;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }

  /** Reads the version the jar's manifest carries; "dev" when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PekkoMuleCommand.class.getPackage().getImplementationVersion();
      return new String[] {"pekko-mule " + (v == null ? "dev" : v)};
    }
  }
}
