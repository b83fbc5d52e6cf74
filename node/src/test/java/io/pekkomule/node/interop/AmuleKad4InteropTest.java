package io.pekkomule.node.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.files.AmulePreferencesKad;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * First real-peer probe of the kad4 overlay: our codec against aMule's daemon (amuled 2.3.3) in a
 * network namespace this test creates. Needs root (ip netns), iproute2 and {@code amule-daemon};
 * part of every {@code mvn verify} ({@code -Dpekkomule.interop=amule} is the root pom default;
 * {@code -Dpekkomule.interop=none} turns it off on a machine without root).
 *
 * <p>Passes when: amuled answers our plain HELLO_REQ with a HELLO_RES asking for an ACK, accepts
 * our obfuscated HELLO_RES_ACK (it verifies a contact only after that), and then lists our node in
 * the RES to a REQ for our own id (aMule hands out only verified contacts); and amuled adopted the
 * public address our FIREWALLED_RES told it, as its preferencesKad.dat (read with our codec) shows.
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "pekkomule.interop", matches = "amule")
class AmuleKad4InteropTest {
  static final KadId AMULED_ID = KadId.fromHex("AAAAAAAA000000000000000000000001");
  static final KadId PROBE_ID = KadId.fromHex("BBBBBBBB000000000000000000000002");

  @Test
  void amuledVerifiesAndListsOurNode(@TempDir Path work) throws Exception {
    Path probeOut = work.resolve("probe.out");
    int exit;
    try (AmuledNamespace ns = AmuledNamespace.start(work, AMULED_ID)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      exit = ns.exec(probeOut, 90, List.of(
          java, "-cp", cp, AmuleKad4Probe.class.getName(),
          AmuledNamespace.PEER_IP, "4672", "4662", PROBE_ID.toHex(),
          AmuledNamespace.AMULED_IP, String.valueOf(AmuledNamespace.AMULED_UDP), "45"));
    }
    String out = Files.readString(probeOut, StandardCharsets.UTF_8);
    System.out.println(out);
    assertEquals(0, exit, "probe failed:\n" + out);

    Matcher m = Pattern.compile("RESULT PASS opcodes=(\\S+)").matcher(out);
    assertTrue(m.find(), out);
    List<String> seq = List.of(m.group(1).split(","));
    // HELLO_REQ out, HELLO_RES in, HELLO_RES_ACK out, …, REQ out, RES in (listing us).
    assertEquals(">>11", seq.get(0));
    assertTrue(seq.indexOf("<<19") > 0, "no HELLO_RES: " + seq);
    assertTrue(seq.indexOf(">>22") > seq.indexOf("<<19"), "no HELLO_RES_ACK after HELLO_RES: " + seq);
    assertTrue(seq.lastIndexOf("<<29") > seq.indexOf(">>21"), "no RES after REQ: " + seq);
    assertTrue(out.contains("contact " + PROBE_ID.toHex() + " 203.0.113.4:4672 (tcp 4662) v8"), out);

    // On a clean shutdown amuled rewrites preferencesKad.dat (it skips nodes.dat with a single
    // contact). We seeded the file with IP 0; the address in it now is the one our
    // FIREWALLED_RES (0x58) reported, read back with our own kad4 file codec.
    assertTrue(seq.contains(">>58"), "amuled sent no FIREWALLED2_REQ to answer: " + seq);
    AmulePreferencesKad prefs = AmulePreferencesKad.read(work.resolve("amule").resolve("preferencesKad.dat"));
    assertEquals(new AmulePreferencesKad(Ipv4UdpEndpoint.parse(AmuledNamespace.AMULED_IP), AMULED_ID), prefs);
  }
}
