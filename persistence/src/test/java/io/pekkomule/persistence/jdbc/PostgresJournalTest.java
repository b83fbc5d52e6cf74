package io.pekkomule.persistence.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.testsupport.ThrowawayPostgres;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same jar on PostgreSQL, switched by configuration alone (conf/persistence-postgres.conf),
 * against a throwaway server this test starts. Skipped (not failed) only when the PostgreSQL
 * binaries are not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresJournalTest {
  private ThrowawayPostgres server;

  @BeforeAll
  void startServer() throws Exception {
    Optional<Path> bin = ThrowawayPostgres.findBinaries();
    Assumptions.assumeTrue(bin.isPresent(),
        "PostgreSQL binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or PATH:"
            + " skipping the PostgreSQL journal test (apt-get install postgresql)");
    server = ThrowawayPostgres.start(bin.get());
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void restartOnTheSameDatabaseKeepsIdentityAndContacts(@TempDir Path dir) throws Exception {
    Config config = JournalConfigs.postgres(dir, server.port());
    assertEquals(JournalConfig.Dialect.POSTGRES, JournalConfig.dialect(config));
    long millis = JournalRecoveryScenario.run(config, dir, "pg");
    System.out.println("PostgreSQL journal: identity recovered in " + millis + " ms");
  }
}
