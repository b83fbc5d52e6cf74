package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PekkoMuleCommandTest {

  @Test
  void helpListsTheCommands() {
    CliRun r = CliRun.of("--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("Usage: pekko-mule"), r.out());
    assertTrue(r.out().contains("--config=FILE"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+nodes\\s+Work with iMule nodes\\.dat files\\.")), r.out());
    CliRun nodes = CliRun.of("nodes", "--help");
    assertEquals(0, nodes.exit());
    assertTrue(nodes.out().lines().anyMatch(l -> l.matches("\\s+inspect\\s+Show the contents.*")), nodes.out());
  }

  @Test
  void helpCommandShowsSubcommandHelp() {
    CliRun r = CliRun.of("help", "nodes");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("Usage: pekko-mule nodes"), r.out());
  }

  @Test
  void noCommandOrUnknownCommandIsAUsageError() {
    CliRun none = CliRun.of();
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("Missing command"), none.err());
    assertTrue(none.err().contains("Usage: pekko-mule"), none.err());
    CliRun unknown = CliRun.of("frobnicate");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("frobnicate"), unknown.err());
    CliRun nodesAlone = CliRun.of("nodes");
    assertEquals(2, nodesAlone.exit());
    assertTrue(nodesAlone.err().contains("Usage: pekko-mule nodes"), nodesAlone.err());
  }

  @Test
  void bundledDefaultsAreLoadedFromConf() {
    CliRun r = CliRun.of("nodes", "inspect", CliRun.fixture("imule-nodes-v2.dat"));
    assertEquals(0, r.exit(), r.err());
    var config = r.root().config();
    assertEquals(8, config.getInt("pekko-mule.kad.version"));
    assertEquals("embedded", config.getString("pekko-mule.transport.kind"));
    assertEquals("127.0.0.1", config.getString("pekko-mule.transport.sam.host"));
    assertEquals(7656, config.getInt("pekko-mule.transport.sam.port"));
    assertEquals("./data/nodes.dat", config.getString("pekko-mule.kad.nodes-file"));
    assertTrue(r.root().configFile().isEmpty());
  }

  @Test
  void configFileOverridesDefaultsBeforeOrAfterTheCommand(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("my.conf");
    Files.writeString(conf, "pekko-mule.data-dir = /srv/mule\npekko-mule.transport.sam.port = 7777\n");
    String fixture = CliRun.fixture("imule-nodes-v2.dat");
    for (String[] args :
        new String[][] {
          {"--config", conf.toString(), "nodes", "inspect", fixture},
          {"nodes", "inspect", fixture, "--config", conf.toString()}
        }) {
      CliRun r = CliRun.of(args);
      assertEquals(0, r.exit(), r.err());
      var config = r.root().config();
      assertEquals(7777, config.getInt("pekko-mule.transport.sam.port"));
      assertEquals("127.0.0.1", config.getString("pekko-mule.transport.sam.host"), "untouched default");
      // resolved together: defaults built from data-dir follow the override
      assertEquals("/srv/mule/nodes.dat", config.getString("pekko-mule.kad.nodes-file"));
      assertEquals(conf, r.root().configFile().orElseThrow());
    }
  }

  @Test
  void missingConfigFileIsAClearErrorNamingIt(@TempDir Path dir) {
    Path conf = dir.resolve("absent.conf");
    CliRun r =
        CliRun.of("--config", conf.toString(), "nodes", "inspect", CliRun.fixture("imule-nodes-v2.dat"));
    assertEquals(2, r.exit());
    assertEquals("", r.out(), "the command must not run");
    assertEquals("pekko-mule: config file " + conf + ": no such file" + System.lineSeparator(), r.err());
  }

  @Test
  void unparseableConfigFileIsAClearErrorNamingIt(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("broken.conf");
    Files.writeString(conf, "pekko-mule {\n  kad.version = \n");
    CliRun r =
        CliRun.of("--config", conf.toString(), "nodes", "inspect", CliRun.fixture("imule-nodes-v2.dat"));
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("pekko-mule: config file " + conf + ": "), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void unresolvableSubstitutionIsAClearError(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("subst.conf");
    Files.writeString(conf, "pekko-mule.data-dir = ${no.such.setting}\n");
    CliRun r = CliRun.of("--config", conf.toString(), "nodes", "inspect", CliRun.fixture("imule-nodes-v2.dat"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(conf.toString()) && r.err().contains("no.such.setting"), r.err());
  }
}
