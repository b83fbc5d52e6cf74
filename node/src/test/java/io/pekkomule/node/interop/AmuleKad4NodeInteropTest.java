package io.pekkomule.node.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 interop steps 2–5 at node level: our real kad4 node ({@link Kad4NodeRunner}: the
 * shared KadNode with the aMule dialect, the shaper, the UDP transport) against two real amuleds
 * in a namespace this test creates: bootstrap and a NODE lookup with a hop (2), amuled's keyword
 * search answered from our index and shown in {@code amulecmd results} (3), our keyword publish
 * stored by one amuled and found by the other's search (4), malformed packets and a flood (5).
 * Needs root, iproute2 and amule-daemon; skipped with {@code -Dpekkomule.interop=none}. Every
 * wait is bounded (runner ≤ 330 s in all; about 170 s on a loaded 2-core machine).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "pekkomule.interop", matches = "amule")
class AmuleKad4NodeInteropTest {
  static final KadId A_ID = KadId.fromHex("AAAAAAAA000000000000000000000001");
  /** Step 3: a keyword next to our node only (amuled B's search for it is answered by us). */
  static final String KEYWORD = "pekkomulekad";
  /** Step 4: a keyword next to amuled B only (B stores our publish; A's search finds it there). */
  static final String STORED = "pekkomulestore";
  /**
   * B sits next to {@link #STORED} (aMule stores a keyword only that close), far from A and us;
   * its first 8 hex digits differ from the keyword's and the file's, so the runner tells RES
   * answers for B's id apart by target.
   */
  static final KadId B_ID = KeywordHasher.hash(STORED).xor(new KadId(0x100L << 32, 0x5678));
  /** Next to {@link #KEYWORD}'s target, so amuled B's keyword search asks us (step 3). */
  static final KadId OUR_ID = KeywordHasher.hash(KEYWORD).xor(new KadId(0, 0x1234));
  /** The shared file's id sits next to B: B stores our source publish (aMule's tolerance). */
  static final KadId FILE_ID = B_ID.xor(new KadId(1L << 32, 0x9ABC));
  /** aMule's SEARCHTOLERANCE: a key is stored only when its distance's top 32 bits are below. */
  static final long TOLERANCE = 1L << 24;

  @Test
  void keywordsAreFarApartAsTheStepsNeed() {
    // step 3 proves our SEARCH_RES only if neither amuled could have stored KEYWORD itself,
    // step 4 proves B's copy only if we are not next to STORED
    assertTrue(top32(KeywordHasher.hash(KEYWORD).xor(B_ID)) > TOLERANCE);
    assertTrue(top32(KeywordHasher.hash(KEYWORD).xor(A_ID)) > TOLERANCE);
    assertTrue(top32(KeywordHasher.hash(STORED).xor(A_ID)) > TOLERANCE);
    assertTrue(top32(KeywordHasher.hash(STORED).xor(OUR_ID)) > TOLERANCE);
    assertTrue(top32(FILE_ID.xor(B_ID)) <= TOLERANCE);
    assertTrue(top32(KeywordHasher.hash(STORED).xor(B_ID)) <= TOLERANCE);
    assertTrue(top32(KeywordHasher.hash(KEYWORD).xor(OUR_ID)) <= TOLERANCE);
    java.util.Set<String> prefixes = new java.util.HashSet<>();
    for (KadId k : List.of(B_ID, FILE_ID, KeywordHasher.hash(STORED))) {
      prefixes.add(k.toHex().substring(0, 8));
    }
    assertEquals(3, prefixes.size(), "B's id, the file and the keyword share an 8-digit prefix");
  }

  private static long top32(KadId distance) {
    return distance.hi() >>> 32;
  }

  @Test
  void ourNodeBootstrapsLooksUpSearchesPublishesAndSurvivesAFlood(@TempDir Path work)
      throws Exception {
    Path out = work.resolve("node.out");
    int exit;
    boolean alive;
    try (AmuledNamespace ns = AmuledNamespace.startPair(work, A_ID, B_ID)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String cp = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      try {
        exit = ns.exec(out, 330, List.of(java, "-cp", cp, Kad4NodeRunner.class.getName(),
            OUR_ID.toHex(), A_ID.toHex(), B_ID.toHex(), KEYWORD, STORED, FILE_ID.toHex()));
      } catch (IllegalStateException timedOut) {
        exit = -1; // the log below says how far it got
      }
      alive = ns.amuledAlive();
    }
    String log = Files.readString(out, StandardCharsets.UTF_8);
    System.out.println(log);
    assertTrue(alive, "an amuled died");
    assertTrue(log.contains("STEP2 PASS"), "step 2 failed:\n" + log);
    assertTrue(log.contains("STEP3 PASS"), "step 3 failed:\n" + log);
    assertTrue(log.contains("STEP4 PASS"), "step 4 failed:\n" + log);
    assertTrue(log.contains("STEP5 PASS"), "step 5 failed:\n" + log);
    assertEquals(0, exit, log);
  }
}
