package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.run.RecoveryBenchmark.ColdResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench recovery} writes a history and leaves the journal as written; {@code bench
 * recovery-cold} recovers it with a breakdown, from the latest snapshot (here a snapshot every 100
 * events, the two latest kept: only the events after the last one are replayed).
 */
class BenchRecoveryCommandTest {
  @TempDir Path tmp;

  private static String lineStarting(String out, String prefix) {
    return Arrays.stream(out.split("\\R")).filter(l -> l.startsWith(prefix)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in: " + out));
  }

  @Test
  void historyThenColdRecoveryFromTheLatestSnapshot() throws Exception {
    Path data = tmp.resolve("data");
    Path conf = tmp.resolve("snapshots.conf");
    Files.writeString(conf, "pekko-mule.persistence.buckets.snapshot-every = 100\n");
    // 30 contacts, 10 daily rounds: 30 + 10 x (30 seen + 3 churn + 1 checkpoint) = 370 commands;
    // the checkpoints coalesce with that round's signs of life: 360 events
    CliRun w = CliRun.of("bench", "--config", conf.toString(), "recovery", "--contacts", "30",
        "--days", "10", "--step", "24h", "--cold-runs", "0", "--data", data.toString());
    assertEquals(0, w.exit(), w.err());
    String figure = lineStarting(w.out(), "recovery contacts=30 history_days=10 events=370 ");
    assertTrue(figure.contains(" cold_runs=0 "), figure);
    assertTrue(Files.isRegularFile(data.resolve("journal/pekko-mule.mv.db")));
    assertTrue(Files.notExists(data.resolve("in-process")), "the working copy is removed");

    CliRun c = CliRun.of("bench", "--config", conf.toString(), "recovery-cold",
        "--data", data.toString(), "--age-at", "2025-01-11T01:00:00Z");
    assertEquals(0, c.exit(), c.err());
    ColdResult r = ColdResult.parse(lineStarting(c.out(), "recovery_cold "));
    assertEquals(30, r.contacts());
    assertEquals(360, r.sequenceNr());
    assertEquals(60, r.eventsReplayed(), "replayed from the snapshot at 300, not an older one");
    assertTrue(r.totalMillis() >= r.afterSystemMillis() && r.afterSystemMillis() > 0, r.line());
    assertTrue(r.totalCpuMillis() > 0, r.line());
    assertEquals(r, ColdResult.parse(r.line()), "the figure line round-trips");

    CliRun again = CliRun.of("bench", "recovery-cold", "--data", tmp.resolve("none").toString());
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("no journal"), again.err());
  }
}
