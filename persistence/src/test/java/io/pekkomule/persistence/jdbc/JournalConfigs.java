package io.pekkomule.persistence.jdbc;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;

/** The shipped conf/persistence.conf (and the PostgreSQL overlay) for a test's data directory. */
final class JournalConfigs {
  private JournalConfigs() {}

  static Config h2(Path dataDir) {
    return ConfigFactory.parseMap(Map.of("pekko-mule.data-dir", dataDir.toString()))
        .withFallback(ConfigFactory.parseResources("persistence.conf"))
        .withFallback(ConfigFactory.load("application-test"))
        .resolve();
  }

  static Config postgres(Path dataDir, int port) {
    return ConfigFactory.parseMap(Map.of(
            "pekko-persistence-jdbc.shared-databases.slick.db.url",
            "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
            "pekko-persistence-jdbc.shared-databases.slick.db.user", "postgres"))
        .withFallback(ConfigFactory.parseResources("persistence-postgres.conf"))
        .withFallback(h2(dataDir))
        .resolve();
  }
}
