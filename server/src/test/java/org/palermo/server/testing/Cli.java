package org.palermo.server.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.palermo.client.cli.PalermoCli;
import org.palermo.client.cli.Terminal;
import org.palermo.server.config.DatabaseSettings;

/**
 * The palermo command line, run in this JVM against a test server (the real client code over
 * real HTTPS), and plain SQL on the server's database for tests that play a malicious server.
 */
public final class Cli {
  public static final String PASSPHRASE = "correct horse battery staple";

  private final Supplier<String> url;
  private final Supplier<String> pin;
  private final Supplier<DatabaseSettings> database;

  public Cli(TestServer server) {
    this.url = () -> server.server().baseUri().toString();
    this.pin = () -> server.server().tls().sha256Fingerprint();
    this.database = () -> server.config().database().orElseThrow();
  }

  /**
   * For any server, such as one in a child process: its URL, its certificate's SHA-256
   * fingerprint (as the server prints it) and, for the SQL helpers, its database (or null).
   */
  public Cli(URI base, String fingerprint, DatabaseSettings database) {
    this.url = base::toString;
    this.pin = () -> fingerprint;
    this.database = () -> {
      if (database == null) {
        throw new IllegalStateException("this Cli was given no database");
      }
      return database;
    };
  }

  /** The command line against a server started with {@link ServerProcess}. */
  public Cli(ServerProcess server, DatabaseSettings database) {
    this(server.baseUri(), server.fingerprint(), database);
  }

  /** What one command did. */
  public record Run(int code, String out, String err) {
    /** The value of a "key: value" line of the output. */
    public String line(String key) {
      return out.lines().filter(l -> l.startsWith(key + ": ")).findFirst()
          .map(l -> l.substring(key.length() + 2))
          .orElseThrow(() -> new AssertionError("no " + key + " in " + this));
    }
  }

  public Run runWith(Path home, String passphrase, String... args) {
    return runWith(home, passphrase, Map.of(), args);
  }

  /** Runs with more environment variables (PALERMO_OPERATOR_SECRET, for instance). */
  public Run runWith(Path home, String passphrase, Map<String, String> more, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new HashMap<>(more);
    env.put("PALERMO_HOME", home.toString());
    if (passphrase != null) {
      env.put("PALERMO_PASSPHRASE", passphrase);
    }
    List<String> all = new ArrayList<>(List.of("--server", url.get(), "--pin-cert",
        pin.get()));
    all.addAll(List.of(args));
    int code = PalermoCli.run(new Terminal(new PrintWriter(out), new PrintWriter(err), env, null),
        all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs with the test passphrase. */
  public Run run(Path home, String... args) {
    return runWith(home, PASSPHRASE, args);
  }

  /** A registered person: their handle and client home. */
  public record Person(String handle, Path home) {
    /** The session token the command line keeps in the home. */
    public String token() throws IOException {
      return Files.readString(home.resolve("session")).strip();
    }
  }

  /** Registers a new pseudonym (the prefix and random hex) with a fresh home. */
  public Person register(String prefix) {
    String handle = unique(prefix);
    Path home = home(handle);
    ok(run(home, "account", "register", "--name", handle));
    return new Person(handle, home);
  }

  /** The person's account id (32 hex digits), as the server stores it. */
  public String accountId(Person person) {
    return strings("SELECT LOWER(HEX(id)) FROM accounts WHERE handle = ?", person.handle())
        .get(0);
  }

  /** Runs as that person, with the test passphrase. */
  public Run as(Person person, String... args) {
    return run(person.home(), args);
  }

  /** The run, after checking it exited 0. */
  public static Run ok(Run run) {
    if (run.code() != 0) {
      throw new AssertionError("expected exit code 0: " + run);
    }
    return run;
  }

  /** A copy of a client home (same device, same session), file attributes kept. */
  public static Path copyHome(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  /** A fresh client home. */
  public static Path home(String name) {
    return TestDatabase.folder("home-" + name).resolve("palermo");
  }

  public static String unique(String prefix) {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return prefix + HexFormat.of().formatHex(random);
  }

  /**
   * Runs one SQL update on the server's database, as a hostile operator rewriting it; returns
   * the rows changed. Like such an operator, it then moves every workspace's document revision
   * on, so the server's list cache serves what was rewritten rather than what it saw before.
   */
  public int update(String sql, Object... parameters) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql);
        PreparedStatement bump = c.prepareStatement(
            "UPDATE workspaces SET documents_revision = documents_revision + 1")) {
      bind(s, parameters);
      int changed = s.executeUpdate();
      bump.executeUpdate();
      return changed;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row, as bytes. */
  public byte[] bytes(String sql, Object... parameters) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no row for " + sql);
        }
        return rs.getBytes(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row's first column, as strings. */
  public List<String> strings(String sql, Object... parameters) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Connection connect() throws SQLException {
    DatabaseSettings db = database.get();
    return DriverManager.getConnection(db.url(), db.user(), db.password());
  }

  private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
  }
}
