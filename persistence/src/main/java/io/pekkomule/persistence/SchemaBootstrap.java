package io.pekkomule.persistence;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Creates the journal tables before the first entity starts, with our own idempotent DDL ({@code
 * CREATE ... IF NOT EXISTS} for H2 and PostgreSQL): safe on every start, and without the error
 * noise of the plugin's own schema helper on re-runs. Plain JDBC, one short-lived connection.
 */
public final class SchemaBootstrap {
  private SchemaBootstrap() {}

  /** Runs the DDL unless {@code pekko-mule.persistence.schema-bootstrap = off}. */
  public static void ensureSchema(Config config) throws SQLException {
    if (config.hasPath("pekko-mule.persistence.schema-bootstrap")
        && !config.getBoolean("pekko-mule.persistence.schema-bootstrap")) {
      return;
    }
    JournalConfig.Dialect dialect = JournalConfig.dialect(config);
    Config db = config.getConfig(JournalConfig.SLICK + ".db");
    String url = db.getString("url");
    Properties props = new Properties();
    if (db.hasPath("user")) {
      props.setProperty("user", db.getString("user"));
    }
    if (db.hasPath("password")) {
      props.setProperty("password", db.getString("password"));
    }
    long timeoutSeconds = db.hasPath("connectionTimeout")
        ? Math.max(1, db.getDuration("connectionTimeout", TimeUnit.SECONDS)) : 10;
    if (dialect == JournalConfig.Dialect.POSTGRES) {
      props.setProperty("connectTimeout", Long.toString(timeoutSeconds));
      props.setProperty("loginTimeout", Long.toString(timeoutSeconds));
    }
    loadDriver(db);
    try (Connection c = DriverManager.getConnection(url, props);
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      for (String sql : statements(dialect)) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      // The message names the database, never the password.
      throw new SQLException("journal schema bootstrap failed on " + redact(url) + ": "
          + e.getMessage(), e.getSQLState(), e);
    }
  }

  /**
   * Opens and closes one connection, without creating anything (an H2 file URL gets {@code
   * IFEXISTS=TRUE}): fails fast, naming the database, when it is missing, locked by a running node
   * or unreachable.
   */
  public static void checkReachable(Config config) throws SQLException {
    Config db = config.getConfig(JournalConfig.SLICK + ".db");
    String url = db.getString("url");
    if (JournalConfig.dialect(config) == JournalConfig.Dialect.H2) {
      url = url + (url.endsWith(";") ? "" : ";") + "IFEXISTS=TRUE";
    }
    Properties props = new Properties();
    if (db.hasPath("user")) {
      props.setProperty("user", db.getString("user"));
    }
    if (db.hasPath("password")) {
      props.setProperty("password", db.getString("password"));
    }
    loadDriver(db);
    try (Connection c = DriverManager.getConnection(url, props)) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new SQLException(redact(db.getString("url")) + ": " + firstLine(e.getMessage()),
          e.getSQLState(), e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static void loadDriver(Config db) {
    if (db.hasPath("driver")) {
      try {
        Class.forName(db.getString("driver"));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("JDBC driver not on the classpath: " + db.getString("driver"), e);
      }
    }
  }

  /** The dialect's script, split into statements (one per {@code ;} at a line end). */
  static List<String> statements(JournalConfig.Dialect dialect) {
    String path = "/io/pekkomule/persistence/schema/" + dialect.script();
    String text;
    try (InputStream in = SchemaBootstrap.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing " + path);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        String sql = cur.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        cur.setLength(0);
      }
    }
    return List.copyOf(out);
  }

  /** A URL without any inline password ({@code password=...}). */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }
}
