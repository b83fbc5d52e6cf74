package io.pekkomule.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the effective configuration. Precedence, highest first: JVM system properties ({@code
 * -Dpekko-mule.x=…}), the {@code --config} file, the bundled {@code application.conf} (and the
 * files it includes), the libraries' {@code reference.conf}. Everything is resolved together, so a
 * substitution in the defaults sees an overridden value.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** A configuration problem an operator can fix; the message names the file. */
  public static final class BadConfigException extends Exception {
    BadConfigException(String message) {
      super(message);
    }
  }

  /** The bundled defaults alone when {@code file} is null. */
  public static Config load(Path file) throws BadConfigException {
    if (file == null) {
      try {
        return ConfigFactory.load();
      } catch (ConfigException e) {
        throw new BadConfigException("bundled configuration is invalid: " + e.getMessage());
      }
    }
    if (!Files.exists(file)) {
      throw new BadConfigException("config file " + file + ": no such file");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new BadConfigException("config file " + file + ": not a readable regular file");
    }
    try {
      Config overrides =
          ConfigFactory.parseFile(
              file.toFile(),
              ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
      return ConfigFactory.load(overrides.withFallback(ConfigFactory.defaultApplication()));
    } catch (ConfigException e) {
      throw new BadConfigException("config file " + file + ": " + e.getMessage());
    }
  }
}
