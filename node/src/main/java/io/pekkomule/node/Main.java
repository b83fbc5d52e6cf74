package io.pekkomule.node;

import io.pekkomule.node.cli.Cli;

/** Entry point of the fat jar: runs the command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.create().execute(args));
  }
}
