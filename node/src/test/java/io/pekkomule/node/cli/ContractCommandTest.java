package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.contract.HarnessResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ContractCommandTest {
  private record Outcome(int code, String out, String err) {}

  private static Outcome run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void runsSelectedHarnessesOneLineEach() {
    Outcome o = run(new ContractCommand(), "shaper", "--seeds", "3", "--only", "H4,H7");
    System.out.print(o.out());
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(o.out().lines().anyMatch(l -> l.matches("H4 ordering PASS tau=-?[0-9.]+ limit=[0-9.]+ .*")));
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("H7 caps PASS ")));
  }

  @Test
  void h8RefusesALabTooSmallToJudge() {
    CliRun o = CliRun.of("contract", "h8", "--nodes", "5");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("contract h8: need --nodes >= 20"), o.err());
    CliRun alias = CliRun.of("contract", "participation", "--hours", "0.1");
    assertEquals(2, alias.exit());
  }

  @Test
  void anyFailingHarnessMakesTheExitCodeNonZero() {
    Function<ContractCommand.ShaperContract.Run, List<HarnessResult>> real =
        ContractCommand.ShaperContract.runner;
    ContractCommand.ShaperContract.runner = r -> List.of(
        new HarnessResult("H1", "envelope", true, "violations=0"),
        new HarnessResult("H4", "ordering", false, "tau=0.9 limit=0.045"));
    try {
      Outcome o = run(new ContractCommand(), "shaper");
      assertEquals(1, o.code());
      assertTrue(o.out().contains("H4 ordering FAIL tau=0.9 limit=0.045"));
    } finally {
      ContractCommand.ShaperContract.runner = real;
    }
  }

  @Test
  void badSettingIsReportedByKey(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.conf");
    Files.writeString(f, "pekko-mule.shaper.caps.per-peer-per-minute.ping = 2\n");
    CliRun o = CliRun.of("--config", f.toString(), "contract", "shaper");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("pekko-mule.shaper.caps.per-peer-per-minute.ping"), o.err());
  }

  @Test
  void benchRunsThroughTheRealGraph() {
    Outcome o = run(new BenchCommand(), "shaper", "--seconds", "2", "--peers", "50", "--rate", "50");
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.out().lines().toList();
    assertTrue(lines.get(lines.size() - 1)
        .matches("shaper intents_per_s=[0-9.]+ cpu_core_pct=[0-9.]+ lateness_p99_ms=[0-9.]+"), o.out());
  }
}
