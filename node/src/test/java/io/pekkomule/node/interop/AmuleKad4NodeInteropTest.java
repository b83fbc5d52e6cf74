package io.pekkomule.node.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 interop steps 2 and 5 at node level: our real kad4 node ({@link Kad4NodeRunner}: the
 * shared KadNode with the aMule dialect, the shaper, the UDP transport) against two real amuleds
 * in a namespace this test creates. Needs root, iproute2 and amule-daemon; skipped with {@code
 * -Dpekkomule.interop=none}. Every wait is bounded (runner ≤ 150 s in all).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "pekkomule.interop", matches = "amule")
class AmuleKad4NodeInteropTest {
  static final KadId A_ID = KadId.fromHex("AAAAAAAA000000000000000000000001");
  /** B sits far from A and from us, so our lookup for it has a hop to take. */
  static final String KEYWORD = "pekkomulekad";
  /** B sits next to the keyword (aMule stores a keyword only that close), far from A. */
  static final KadId B_ID =
      io.pekkomule.protocol.keyword.KeywordHasher.hash(KEYWORD).xor(new KadId(0, 0x5678));
  /** Next to the keyword's target, so amuled's keyword search asks us (step 3). */
  static final KadId OUR_ID =
      io.pekkomule.protocol.keyword.KeywordHasher.hash(KEYWORD).xor(new KadId(0, 0x1234));

  @Test
  void ourNodeBootstrapsLooksUpThroughAmuledAndSurvivesAFlood(@TempDir Path work)
      throws Exception {
    Path out = work.resolve("node.out");
    int exit;
    boolean alive;
    try (AmuledNamespace ns = AmuledNamespace.startPair(work, A_ID, B_ID)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String cp = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      try {
        exit = ns.exec(out, 170, List.of(java, "-cp", cp, Kad4NodeRunner.class.getName(),
            OUR_ID.toHex(), A_ID.toHex(), B_ID.toHex(), KEYWORD));
      } catch (IllegalStateException timedOut) {
        exit = -1; // the log below says how far it got
      }
      alive = ns.amuledAlive();
    }
    String log = Files.readString(out, StandardCharsets.UTF_8);
    System.out.println(log);
    assertTrue(alive, "an amuled died");
    assertTrue(log.contains("STEP2 PASS"), "step 2 failed:\n" + log);
    assertTrue(log.contains("STEP5 PASS"), "step 5 failed:\n" + log);
    assertEquals(0, exit, log);
  }
}
