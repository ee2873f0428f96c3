package org.palermo.server.plugins;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.palermo.server.config.DatabaseSettings;

/**
 * Each storage plugin's schema, {@code palermo_plugin_<id>}, and its database user of the same
 * name, with rights on that schema alone. The administrator account makes them; the plugin's
 * connections, and its Flyway migrations, log in as its own user. The user's password is
 * derived from a secret every node shares (HMAC-SHA256 of the plugin id), so every node reaches
 * the schema without a password file, and no plugin learns another's.
 */
public final class PluginSchemas {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PluginSchemas.class);
  /** Where a plugin keeps its migrations, in its jar. */
  static final String MIGRATIONS = "palermo-plugin/migration";
  private static final String PREFIX = "palermo_plugin_";
  /** What a plugin's user may do in its schema: tables and rows, no routines, no grants. */
  private static final String PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP,"
      + " INDEX, REFERENCES, CREATE VIEW, SHOW VIEW, CREATE TEMPORARY TABLES, LOCK TABLES";

  private final DatabaseSettings core;
  private final byte[] passwordSecret;

  public PluginSchemas(DatabaseSettings core, byte[] passwordSecret) {
    this.core = core;
    this.passwordSecret = passwordSecret.clone();
  }

  /** Why no plugin can have storage here, if none can. */
  Optional<String> unavailable() {
    return core.admin().isPresent() ? Optional.empty() : Optional.of("the server has no"
        + " database administrator account to make its schema: set PALERMO_DB_ADMIN_USER and"
        + " PALERMO_DB_ADMIN_PASSWORD (the embedded database has one)");
  }

  /** The schema, and the user, of plugin {@code id}. */
  static String schemaOf(String id) {
    return PREFIX + id.replace('-', '_');
  }

  /**
   * Makes the plugin's schema and user if missing, applies its migrations as its user, and
   * returns a small pool of connections as that user.
   */
  HikariDataSource open(String id, ClassLoader pluginLoader) throws PluginStorageException {
    DatabaseSettings.Admin admin = core.admin().orElseThrow(
        () -> new PluginStorageException(unavailable().orElseThrow()));
    String name = schemaOf(id);
    String password = password(id);
    // In GRANT, '_' and '%' in a schema name are wildcards: escaped, the grant names this
    // schema alone (palermo_plugin_a_b must not also cover palermo_plugin_aab).
    String grantable = name.replace("_", "\\_");
    String account = "'" + name + "'@'" + admin.accountHost() + "'";
    try (Connection c = DriverManager.getConnection(core.url(), admin.user(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS `" + name
          + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
      s.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "'");
      s.execute("ALTER USER " + account + " IDENTIFIED BY '" + password + "'");
      s.execute("GRANT " + PRIVILEGES + " ON `" + grantable + "`.* TO " + account);
    } catch (SQLException e) {
      // The database's message may name hosts and accounts: the log has it, the listing not.
      LOG.warn("Plugin {}: preparing schema {} failed: {}", id, name, firstLine(e.getMessage()));
      throw new PluginStorageException("its schema " + name + " could not be prepared (the"
          + " server log says why)");
    }
    HikariConfig config = new HikariConfig();
    // The core's URL parameters, but never its credentials: the plugin logs in as itself.
    config.setJdbcUrl(core.urlFor(name).replaceAll("(?i)([?&])(user|password)=[^&]*&?", "$1")
        .replaceAll("[?&]$", ""));
    config.setUsername(name);
    config.setPassword(password);
    config.setPoolName("plugin-" + id);
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(2_000);
    config.setInitializationFailTimeout(10_000);
    config.addDataSourceProperty("permitMysqlScheme", "true");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      LOG.warn("Plugin {}: connecting to schema {} failed: {}", id, name,
          firstLine(e.getMessage()));
      throw new PluginStorageException("its schema " + name + " cannot be reached as its own"
          + " user (the server log says why)");
    }
    try {
      Flyway.configure(pluginLoader)
          .dataSource(pool)
          .locations("classpath:" + MIGRATIONS)
          .failOnMissingLocations(false)
          .load()
          .migrate();
      return pool;
    } catch (FlywayException e) {
      pool.close();
      LOG.warn("Plugin {}: migrations failed: {}", id, firstLine(e.getMessage()));
      throw new PluginStorageException("its migrations failed (the server log says why)");
    } catch (RuntimeException | Error e) {
      pool.close();
      throw e;
    }
  }

  private String password(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(passwordSecret, "HmacSHA256"));
      byte[] derived = mac.doFinal(("palermo plugin database password v1\0" + id)
          .getBytes(StandardCharsets.UTF_8));
      // URL-safe Base64 has no quote or backslash, so it sits safely in a SQL string literal.
      return Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }

  /** Why a plugin's storage could not be opened; the plugin is marked failed with it. */
  static final class PluginStorageException extends Exception {
    private static final long serialVersionUID = 1L;

    PluginStorageException(String reason) {
      super(reason);
    }
  }
}
