package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}: option validation (the running node is tested by {@code NodeProcessCrashTest}). */
class RunCommandTest {
  @TempDir Path tmp;

  private void bad(String expected, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(Cli.BAD_INPUT, r.exit(), r.err());
    assertTrue(r.err().contains(expected), "stderr: " + r.err());
    assertEquals("", r.out());
  }

  @Test
  void optionsAreCheckedBeforeAnythingStarts() {
    bad("--lab-peers, --lab-seed and --lab-publishers are only for --transport lab",
        "run", "--data", tmp.resolve("d").toString(), "--transport", "embedded",
        "--lab-peers", "3", "--api-port", "0");
    // nothing was started on the data directory: no journal, no token
    assertFalse(Files.exists(tmp.resolve("d").resolve("api.token")));
    assertFalse(Files.exists(tmp.resolve("d").resolve("journal")));
  }

  @Test
  void badOptionsGiveOneLineAndExit2() {
    String d = tmp.resolve("d").toString();
    bad("unknown transport 'carrier-pigeon'", "run", "--data", d, "--transport", "carrier-pigeon");
    bad("expected HOST:PORT", "run", "--data", d, "--transport", "sam", "--sam", "localhost");
    bad("must be 1..65535", "run", "--data", d, "--transport", "sam", "--sam", "h:70000");
    bad("--sam is only for --transport sam", "run", "--data", d, "--transport", "lab", "--sam",
        "h:1");
    bad("--lab-peers, --lab-seed and --lab-publishers are only for --transport lab", "run", "--data", d,
        "--transport", "sam", "--lab-peers", "3");
    bad("--api-port must be 0..65535", "run", "--data", d, "--transport", "lab", "--api-port",
        "-1");
    bad("no such file", "run", "--data", d, "--transport", "lab", "--bootstrap-file",
        tmp.resolve("none.dat").toString());
    bad("does not exist", "run", "--data", tmp.resolve("a/b/c").toString(), "--transport", "lab");
  }

  @Test
  void aFileIsNotADataDirectory() throws Exception {
    Path f = Files.writeString(tmp.resolve("file"), "x");
    bad("not a directory", "run", "--data", f.toString(), "--transport", "lab");
  }

  @Test
  void labPeersAreBounded() {
    bad("--lab-peers must be 1..2000", "run", "--data", tmp.resolve("d").toString(),
        "--transport", "lab", "--lab-peers", "0", "--api-port", "0");
  }

  @Test
  void kad4OverlayOptionsAreChecked() {
    bad("unknown overlay 'kad9'", "run", "--overlay", "kad9");
    bad("--overlay kad4 needs --bind", "run", "--overlay", "kad4");
    bad("--bind: ", "run", "--overlay", "kad4", "--bind", "1.2.3:4672");
    bad("--bind must be IP:PORT", "run", "--overlay", "kad4", "--bind", "203.0.113.4");
    bad("not for --overlay kad4", "run", "--overlay", "kad4", "--bind", "203.0.113.4:4672",
        "--transport", "lab");
    bad("--bind is only for --overlay kad4", "run", "--bind", "203.0.113.4:4672");
  }
}
