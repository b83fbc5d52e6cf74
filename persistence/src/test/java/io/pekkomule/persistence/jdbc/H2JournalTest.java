package io.pekkomule.persistence.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.persistence.SchemaBootstrap;
import io.pekkomule.persistence.identity.Identity;
import io.pekkomule.persistence.identity.IdentityOrigin;
import io.pekkomule.persistence.identity.IdentityStore;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.files.PreferencesKad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: pekko-persistence-jdbc on an H2 file under the data directory. */
class H2JournalTest {

  @Test
  void restartOnTheSameDataDirKeepsIdentityAndContacts(@TempDir Path dir) throws Exception {
    Config config = JournalConfigs.h2(dir);
    assertEquals("jdbc:h2:file:" + dir + "/journal/pekko-mule;DATABASE_TO_UPPER=false;WRITE_DELAY=0;"
        + "DB_CLOSE_ON_EXIT=FALSE", JournalConfig.url(config));
    long millis = JournalRecoveryScenario.run(config, dir, "h2");
    assertTrue(Files.isRegularFile(JournalConfig.h2DatabaseFile(dir)), "journal file under the data dir");
    System.out.println("H2 file journal: identity recovered in " + millis + " ms");
  }

  @Test
  void anIMulePreferencesKadIdIsAdopted(@TempDir Path dir) throws Exception {
    KadId imule = KadId.fromHex("00112233445566778899AABBCCDDEEFF");
    Files.write(dir.resolve("preferencesKad.dat"), new PreferencesKad(imule).encode());
    ActorTestKit kit = ActorTestKit.create("h2-prefs", JournalConfigs.h2(dir));
    try {
      Identity id = IdentityStore.loadOrCreate(kit.system(), dir).toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      assertEquals(imule, id.kadId());
      assertEquals(IdentityOrigin.IMPORTED_PREFERENCES_KAD, id.origin());
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void schemaBootstrapIsIdempotent(@TempDir Path dir) throws Exception {
    Config config = JournalConfigs.h2(dir);
    SchemaBootstrap.ensureSchema(config);
    SchemaBootstrap.ensureSchema(config);
    assertTrue(Files.isRegularFile(JournalConfig.h2DatabaseFile(dir)));
  }

  @Test
  void relativeH2PathsAreMadeAbsolute(@TempDir Path dir) {
    Config config = JournalConfigs.h2(dir).withValue(JournalConfig.URL,
        ConfigValueFactory.fromAnyRef("jdbc:h2:file:data/journal/x;WRITE_DELAY=0"));
    String url = JournalConfig.url(JournalConfig.withAbsoluteH2Path(config));
    assertEquals("jdbc:h2:file:" + Path.of("data/journal/x").toAbsolutePath() + ";WRITE_DELAY=0", url);
    Config moved = JournalConfig.forDataDir(JournalConfigs.h2(dir), dir.resolve("other"));
    assertEquals("jdbc:h2:file:" + dir.resolve("other/journal/pekko-mule")
        + ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", JournalConfig.url(moved));
  }

  @Test
  void aBadUrlFailsFastWithTheDatabaseNamed(@TempDir Path dir) {
    Config config = JournalConfigs.h2(dir).withValue(JournalConfig.URL,
        ConfigValueFactory.fromAnyRef("jdbc:h2:file:relative/journal"));
    SQLException e = assertThrows(SQLException.class, () -> SchemaBootstrap.ensureSchema(config));
    assertTrue(e.getMessage().contains("jdbc:h2:file:relative/journal"), e.getMessage());
  }
}
