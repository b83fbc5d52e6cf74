package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesInspectCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern B32 = Pattern.compile("[a-z2-7]{52}\\.b32\\.i2p");
  private static final Pattern HEX_ID = Pattern.compile("[0-9A-F]{32}");

  private static JsonNode inspectJson(String fixture) throws Exception {
    CliRun r = CliRun.of("nodes", "inspect", CliRun.fixture(fixture), "--json");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertEquals(1, r.out().strip().lines().count(), "exactly one JSON object on one line");
    return JSON.readTree(r.out());
  }

  @Test
  void jsonOfV2FixtureHasTheScriptedShape() throws Exception {
    JsonNode root = inspectJson("imule-nodes-v2.dat");
    assertEquals(2, root.get("version").asInt());
    assertEquals(99, root.get("count").asInt());
    assertFalse(root.get("bootstrapEdition").asBoolean());
    JsonNode contacts = root.get("contacts");
    assertTrue(contacts.isArray());
    assertEquals(99, contacts.size());
    int v8 = 0;
    int verified = 0;
    Set<String> ids = new HashSet<>();
    for (JsonNode c : contacts) {
      assertTrue(HEX_ID.matcher(c.get("kadId").asText()).matches(), c.toString());
      ids.add(c.get("kadId").asText());
      int v = c.get("kadVersion").asInt();
      assertTrue(v == 0 || v == 8, c.toString());
      v8 += v == 8 ? 1 : 0;
      String b32 = c.get("b32").asText();
      assertEquals(60, b32.length());
      assertTrue(B32.matcher(b32).matches(), b32);
      assertTrue(c.get("verified").isBoolean());
      verified += c.get("verified").asBoolean() ? 1 : 0;
      assertTrue(c.get("udpKey").isIntegralNumber());
      long key = c.get("udpKey").asLong();
      assertTrue(key >= 0 && key <= 0xFFFFFFFFL);
      assertFalse(c.has("type"), "type only for v0");
    }
    assertEquals(83, v8);
    assertEquals(91, verified);
    assertEquals(99, ids.size());
    JsonNode first = contacts.get(0);
    assertEquals("9A66612989B4AADB4BBE751F880F4A53", first.get("kadId").asText());
    assertEquals(8, first.get("kadVersion").asInt());
    assertEquals("vdd6mak6tkknaltypxnjzln3rekvi7glf27wtavpmlxxjmcsquna.b32.i2p", first.get("b32").asText());
    assertFalse(first.get("verified").asBoolean());
    assertEquals(0, first.get("udpKey").asLong());
    assertEquals(2224130603L, contacts.get(1).get("udpKey").asLong());
    assertEquals(4153169370L, contacts.get(1).get("udpKeyIp").asLong());
  }

  @Test
  void jsonOfV0FixtureKeepsTypeAndTcpDest() throws Exception {
    JsonNode root = inspectJson("imule-nodes-v0.dat");
    assertEquals(0, root.get("version").asInt());
    assertEquals(166, root.get("count").asInt());
    JsonNode contacts = root.get("contacts");
    assertEquals(166, contacts.size());
    int dead = 0;
    for (JsonNode c : contacts) {
      assertEquals(0, c.get("kadVersion").asInt());
      assertFalse(c.get("verified").asBoolean());
      assertTrue(B32.matcher(c.get("b32").asText()).matches());
      assertTrue(B32.matcher(c.get("tcpB32").asText()).matches());
      dead += c.get("type").asInt() >= 4 ? 1 : 0;
    }
    assertEquals(1, dead);
    assertEquals("06D2C6A9C088CB859639C9948AC13C9E", contacts.get(0).get("kadId").asText());
    assertEquals(
        "mh45w64vsitrfk3j4g6zvrv3shrm73cm3ymml6xsmqne66uldgoa.b32.i2p",
        contacts.get(0).get("tcpB32").asText());
  }

  @Test
  void textOfV2FixtureListsEveryContact() {
    CliRun r = CliRun.of("nodes", "inspect", CliRun.fixture("imule-nodes-v2.dat"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("format:   v2, 413-byte records"), r.out());
    assertTrue(r.out().contains("count:    99"), r.out());
    assertTrue(r.out().contains("verified: 91"), r.out());
    assertTrue(r.out().contains("versions: v0 x16, v8 x83"), r.out());
    long rows = r.out().lines().filter(l -> B32.matcher(l).find()).count();
    assertEquals(99, rows);
    String firstRow =
        r.out().lines().filter(l -> l.contains("9A66612989B4AADB4BBE751F880F4A53")).findFirst().orElseThrow();
    assertTrue(
        firstRow.matches(
            "\\s+1\\s+9A66612989B4AADB4BBE751F880F4A53\\s+8\\s+no\\s+0x00000000\\s+0x00000000\\s+"
                + "vdd6mak6tkknaltypxnjzln3rekvi7glf27wtavpmlxxjmcsquna\\.b32\\.i2p"),
        firstRow);
  }

  @Test
  void textOfV0FixtureShowsTypes() {
    CliRun r = CliRun.of("nodes", "inspect", CliRun.fixture("imule-nodes-v0.dat"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("format:   v0, 791-byte records"), r.out());
    assertTrue(r.out().contains("count:    166"), r.out());
    assertTrue(r.out().contains("type"), r.out());
    assertEquals(166, r.out().lines().filter(l -> B32.matcher(l).find()).count());
  }

  @Test
  void damagedFileExitsTwoWithFileAndOffset(@TempDir Path dir) throws Exception {
    byte[] raw = Files.readAllBytes(Path.of(CliRun.fixture("imule-nodes-v2.dat")));
    Path cut = dir.resolve("cut.dat");
    Files.write(cut, Arrays.copyOf(raw, 5000));
    for (String[] args :
        new String[][] {{"nodes", "inspect", cut.toString()}, {"nodes", "inspect", cut.toString(), "--json"}}) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.exit());
      assertEquals("", r.out());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains(cut.toString()), r.err());
      assertTrue(r.err().contains("offset 8"), r.err());
      assertTrue(r.err().contains("TRUNCATED"), r.err());
    }

    Path badCert = dir.resolve("cert.dat");
    raw[12 + 3 * 413 + 17 + 384] = 1;
    Files.write(badCert, raw);
    CliRun r = CliRun.of("nodes", "inspect", badCert.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("offset " + (12 + 3 * 413 + 17)), r.err());
    assertTrue(r.err().contains("certificate"), r.err());
  }

  @Test
  void missingFileAndDirectoryExitTwoWithOneLine(@TempDir Path dir) {
    Path missing = dir.resolve("nope.dat");
    CliRun r = CliRun.of("nodes", "inspect", missing.toString());
    assertEquals(2, r.exit());
    assertEquals("nodes inspect: " + missing + ": no such file" + System.lineSeparator(), r.err());
    CliRun d = CliRun.of("nodes", "inspect", dir.toString());
    assertEquals(2, d.exit());
    assertTrue(d.err().contains("is a directory"), d.err());
  }

  @Test
  void missingArgumentIsAUsageError() {
    CliRun r = CliRun.of("nodes", "inspect");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("Missing required parameter: 'FILE'"), r.err());
    assertTrue(r.err().contains("Run 'pekko-mule nodes inspect --help' for the options."), r.err());
  }
}
