package io.pekkomule.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;

/**
 * Reads and adjusts the journal's database settings ({@code
 * pekko-persistence-jdbc.shared-databases.slick}, shared by all four jdbc plugins).
 */
public final class JournalConfig {
  private JournalConfig() {}

  public static final String SLICK = "pekko-persistence-jdbc.shared-databases.slick";
  public static final String URL = SLICK + ".db.url";
  private static final String H2_FILE_PREFIX = "jdbc:h2:file:";
  /** The journal file below a data directory (H2 appends ".mv.db"). */
  public static final String H2_FILE = "journal/pekko-mule";

  /** Which DDL the database speaks. */
  public enum Dialect {
    H2("h2.sql"),
    POSTGRES("postgres.sql");

    private final String script;

    Dialect(String script) {
      this.script = script;
    }

    String script() {
      return script;
    }
  }

  /** From the Slick profile: {@code slick.jdbc.H2Profile$} or {@code slick.jdbc.PostgresProfile$}. */
  public static Dialect dialect(Config config) {
    String profile = config.getString(SLICK + ".profile");
    if (profile.contains("H2Profile")) {
      return Dialect.H2;
    }
    if (profile.contains("PostgresProfile")) {
      return Dialect.POSTGRES;
    }
    throw new IllegalArgumentException("unsupported journal profile " + profile
        + " (pekko-mule supports slick.jdbc.H2Profile$ and slick.jdbc.PostgresProfile$)");
  }

  public static String url(Config config) {
    return config.getString(URL);
  }

  /**
   * The same configuration with an H2 file URL made absolute (H2 2.x refuses implicitly relative
   * paths such as {@code data/journal}); any other URL is left alone.
   */
  public static Config withAbsoluteH2Path(Config config) {
    String url = url(config);
    if (!url.startsWith(H2_FILE_PREFIX)) {
      return config;
    }
    String rest = url.substring(H2_FILE_PREFIX.length());
    int semi = rest.indexOf(';');
    String file = semi < 0 ? rest : rest.substring(0, semi);
    String options = semi < 0 ? "" : rest.substring(semi);
    String absolute = Path.of(file).toAbsolutePath().normalize().toString();
    return config.withValue(URL, ConfigValueFactory.fromAnyRef(H2_FILE_PREFIX + absolute + options));
  }

  /**
   * The configuration pointed at another data directory: {@code pekko-mule.data-dir} and, for the
   * embedded H2 journal, the file URL (keeping its options). For tools such as {@code identity show
   * --data DIR}; a PostgreSQL journal does not depend on the data directory.
   */
  public static Config forDataDir(Config config, Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Config c = config.withValue("pekko-mule.data-dir", ConfigValueFactory.fromAnyRef(dir.toString()));
    String url = url(c);
    if (!url.startsWith(H2_FILE_PREFIX)) {
      return c;
    }
    int semi = url.indexOf(';');
    String options = semi < 0 ? "" : url.substring(semi);
    String file = h2File(dir).toString();
    return c.withValue("pekko-mule.persistence.h2-file", ConfigValueFactory.fromAnyRef(file))
        .withValue(URL, ConfigValueFactory.fromAnyRef(H2_FILE_PREFIX + file + options));
  }

  /** The H2 journal file (without ".mv.db") below {@code dataDir}. */
  public static Path h2File(Path dataDir) {
    return dataDir.toAbsolutePath().normalize().resolve(H2_FILE);
  }

  /** The file H2 actually writes for {@link #h2File}. */
  public static Path h2DatabaseFile(Path dataDir) {
    Path f = h2File(dataDir);
    return f.resolveSibling(f.getFileName() + ".mv.db");
  }
}
