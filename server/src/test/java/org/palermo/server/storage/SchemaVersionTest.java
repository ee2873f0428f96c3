package org.palermo.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.palermo.server.config.ConfigException;
import org.palermo.server.config.DatabaseSettings;
import org.palermo.server.config.ServerConfig;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

class SchemaVersionTest {
  @Test
  void start_databaseSchemaNewerThanServer_isRefusedWithClearMessage() throws Exception {
    ServerConfig config = TestServer.freshConfig();
    DatabaseSettings db = config.database().orElseThrow();
    String installationId;
    try (TestServer first = TestServer.start(config)) {
      installationId = first.server().installation().id();
    }
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
          + " script, checksum, installed_by, execution_time, success) VALUES (999, '999',"
          + " 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 1, 1)");
    }
    ConfigException refused = assertThrows(ConfigException.class, () -> TestServer.start(config));
    assertTrue(refused.getMessage().contains("version 999, newer than this server knows"),
        refused.getMessage());
    assertTrue(!refused.getMessage().contains(db.password()));

    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM flyway_schema_history WHERE version = '999'");
    }
    try (TestServer again = TestServer.start(config)) {
      assertEquals(installationId, again.server().installation().id(), "the same data");
    }
  }

  @Test
  void restrictedAccount_cannotReachAnotherSchemaOrCreateUsers() throws Exception {
    DatabaseSettings mine = TestDatabase.freshSchema();
    DatabaseSettings theirs = TestDatabase.freshSchema();
    String theirSchema = theirs.url().substring(theirs.url().lastIndexOf('/') + 1);
    try (Connection c = DriverManager.getConnection(mine.url(), mine.user(), mine.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE mine (id INT)");
      assertThrows(java.sql.SQLException.class,
          () -> s.execute("CREATE TABLE " + theirSchema + ".intruder (id INT)"));
      assertThrows(java.sql.SQLException.class,
          () -> s.execute("CREATE USER 'evil'@'localhost' IDENTIFIED BY 'x'"));
      assertThrows(java.sql.SQLException.class, () -> s.execute("CREATE DATABASE test"));
    }
  }
}
