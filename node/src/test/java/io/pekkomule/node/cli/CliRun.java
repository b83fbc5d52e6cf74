package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the real command line in-process and captures what it prints. */
record CliRun(int exit, String out, String err, CommandLine commandLine) {

  static CliRun of(String... args) {
    CommandLine cl = Cli.create();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString(), err.toString(), cl);
  }

  PekkoMuleCommand root() {
    return commandLine.getCommand();
  }

  static String fixture(String name) {
    Path p =
        Path.of(System.getProperty("pekkomule.root", "."))
            .resolve("../shared/fixtures")
            .resolve(name)
            .normalize();
    assertTrue(Files.isRegularFile(p), "fixture missing (is ../shared beside the checkout?): " + p);
    return p.toString();
  }
}
