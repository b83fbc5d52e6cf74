package io.pekkomule.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pekko-mule nodes}: tools for iMule nodes.dat files. */
@Command(
    name = "nodes",
    mixinStandardHelpOptions = true,
    description = "Work with iMule nodes.dat files.",
    commandListHeading = "%nCommands:%n",
    subcommands = {
      NodesInspectCommand.class,
      NodesExportCommand.class,
    })
public final class NodesCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }
}
