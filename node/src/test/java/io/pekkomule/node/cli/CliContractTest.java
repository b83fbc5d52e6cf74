package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8's operator commands ({@code run}, {@code lab}, {@code nodes inspect}, {@code identity
 * show}, {@code status}): each has {@code --help} with its exit codes, a usage error is one line
 * naming the command and the problem plus where to look (exit 2), and the usual operator mistake
 * of each is exit 2 with a line that says what to fix.
 */
class CliContractTest {
  @TempDir Path tmp;

  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of("run", "--data"),
        Arguments.of("lab", "--nodes"),
        Arguments.of("nodes inspect", "--json"),
        Arguments.of("identity show", "--data"),
        Arguments.of("status", "--url"));
  }

  private static String[] words(String command, String... more) {
    return Stream.concat(Stream.of(command.split(" ")), Stream.of(more)).toArray(String[]::new);
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpShowsUsageOptionsAndExitCodes(String command, String option) {
    CliRun r = CliRun.of(words(command, "--help"));
    assertEquals(Cli.OK, r.exit(), r.err());
    assertTrue(r.out().startsWith("Usage: pekko-mule " + command), r.out());
    assertTrue(r.out().contains(option), r.out());
    String flat = r.out().replaceAll("\\s+", " ");
    assertTrue(flat.contains("Exit codes: 0 "), r.out());
    assertTrue(flat.contains("1 internal error") || flat.contains("1 the node answered"), r.out());
    assertTrue(flat.contains("2 bad input"), r.out());
    assertEquals("", r.err());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void anUnknownOptionIsOneLineAndAPointerToHelp(String command, String option) {
    // nodes inspect needs its FILE, or that is the first problem reported
    CliRun r = command.equals("nodes inspect")
        ? CliRun.of(words(command, "--frobnicate", "nodes.dat"))
        : CliRun.of(words(command, "--frobnicate"));
    assertEquals(Cli.BAD_INPUT, r.exit(), r.err());
    String[] lines = r.err().strip().split("\n");
    assertEquals("pekko-mule " + command + ": Unknown option: '--frobnicate'", lines[0], r.err());
    assertEquals("Run 'pekko-mule " + command + " --help' for the options.",
        lines[lines.length - 1], r.err());
    assertFalse(r.err().contains("Usage:"), "no full usage burying the line: " + r.err());
    assertEquals("", r.out());
  }

  @Test
  void aMistypedOptionGetsASuggestion() {
    CliRun r = CliRun.of("lab", "--node", "10");
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("--nodes"), r.err());
  }

  @Test
  void runOnADataPathThatIsAFileSaysSo() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    CliRun r = CliRun.of("run", "--transport", "lab", "--data", file.toString());
    assertEquals(Cli.BAD_INPUT, r.exit(), r.err());
    assertTrue(r.err().startsWith("run: "), r.err());
    assertTrue(r.err().contains(file.toString()), r.err());
    assertFalse(r.err().contains("Exception"), "no exception class names: " + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void labWithTooFewNodesSaysTheBound() {
    CliRun r = CliRun.of("lab", "--nodes", "1", "--virtual");
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().startsWith("pekko-mule lab: --nodes must be at least 2"), r.err());
  }

  @Test
  void inspectOfAMissingFileNamesIt() {
    Path missing = tmp.resolve("nodes.dat");
    CliRun r = CliRun.of("nodes", "inspect", missing.toString());
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertEquals("nodes inspect: " + missing + ": no such file", r.err().strip());
  }

  @Test
  void identityShowOfAMissingDirectoryNamesIt() {
    Path missing = tmp.resolve("nope");
    CliRun r = CliRun.of("identity", "show", "--data", missing.toString());
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains(missing + ": no such data directory"), r.err());
  }

  @Test
  void statusWithoutATokenSaysWhichDirectoryToRunANodeOn() {
    CliRun r = CliRun.of("status", "--data", tmp.toString());
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains(tmp.resolve("api.token") + ": no token file"), r.err());
    assertTrue(r.err().contains("--data " + tmp), r.err());
  }

  @Test
  void statusOfANodeThatIsNotThereSaysItIsNotReachable() throws Exception {
    Files.writeString(tmp.resolve("api.token"), "a".repeat(43));
    Files.setPosixFilePermissions(tmp.resolve("api.token"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    CliRun r = CliRun.of("status", "--data", tmp.toString(), "--url",
        "http://127.0.0.1:" + port + "/");
    assertEquals(Cli.BAD_INPUT, r.exit(), r.err());
    assertTrue(r.err().startsWith("status: "), r.err());
    assertTrue(r.err().contains("127.0.0.1:" + port), r.err());
  }
}
