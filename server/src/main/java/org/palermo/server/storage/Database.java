package org.palermo.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.palermo.server.config.ConfigException;
import org.palermo.server.config.DatabaseSettings;
import org.palermo.server.errors.UnexpectedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, Jdbi and the schema. Opening it migrates the schema with Flyway and
 * refuses a database whose schema is newer than this server.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Installation installation;

  private Database(HikariDataSource dataSource, Jdbi jdbi, Installation installation) {
    this.dataSource = dataSource;
    this.jdbi = jdbi;
    this.installation = installation;
  }

  /** Connects, migrates and records this installation; every failure is a one-line reason. */
  public static Database open(DatabaseSettings settings, MeterRegistry meters, Clock clock) {
    HikariDataSource dataSource = pool(settings, meters);
    try {
      migrate(dataSource, settings);
      Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
      Installation installation =
          jdbi.onDemand(InstallationDao.class).ensure(Installation.create(clock));
      return new Database(dataSource, jdbi, installation);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  private static HikariDataSource pool(DatabaseSettings settings, MeterRegistry meters) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setPoolName("palermo");
    config.setMaximumPoolSize(16);
    // Fail fast while the database is away: requests answer 503 instead of hanging.
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    config.setInitializationFailTimeout(10_000);
    config.addDataSourceProperty("connectTimeout", "2000");
    config.addDataSourceProperty("permitMysqlScheme", "true");
    config.setMetricRegistry(meters);
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new ConfigException("Cannot connect to the database at " + settings.url() + " as "
          + settings.user() + ": " + rootMessage(e), e);
    }
  }

  private static void migrate(HikariDataSource dataSource, DatabaseSettings settings) {
    Flyway flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .validateMigrationNaming(true)
        .load();
    try {
      MigrationInfo[] all = flyway.info().all();
      MigrationInfo[] future = Arrays.stream(all)
          .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS
              || m.getState() == MigrationState.FUTURE_FAILED)
          .toArray(MigrationInfo[]::new);
      if (future.length > 0) {
        throw new ConfigException("The database schema at " + settings.url() + " is at version "
            + future[future.length - 1].getVersion() + ", newer than this server knows ("
            + latestKnown(all) + "). Run the Palermo version that wrote it, or restore a backup"
            + " made with this one.");
      }
      var result = flyway.migrate();
      if (result.migrationsExecuted > 0) {
        log.info("Database schema migrated to version {}", result.targetSchemaVersion);
      }
    } catch (FlywayException e) {
      throw new ConfigException("Cannot migrate the database schema: " + firstLine(e), e);
    }
  }

  private static String latestKnown(MigrationInfo[] all) {
    MigrationInfo latest = null;
    for (MigrationInfo info : all) {
      if (info.getState().isResolved() && info.getVersion() != null) {
        latest = info;
      }
    }
    return latest == null ? "none" : latest.getVersion().toString();
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public Installation installation() {
    return installation;
  }

  /** Whether the database answers a query now. */
  public boolean isReachable() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      if (!UnexpectedExceptionMapper.isDatabaseUnavailable(e)) {
        log.warn("Database check failed: {}", e.getClass().getSimpleName());
      }
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return firstLine(root);
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
