package org.palermo.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.palermo.server.config.ConfigException;
import org.palermo.server.config.DatabaseSettings;
import org.palermo.server.config.ServerConfig;
import org.palermo.server.testing.TestServer;

/** What an operator gets wrong ends in one clear reason, and nothing is left running. */
class StartupErrorsTest {
  @Test
  void start_portTaken_saysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ServerConfig config = TestServer.freshConfig().withHttpsPort(taken.getLocalPort());
      ConfigException e = assertThrows(ConfigException.class, () -> TestServer.start(config));
      assertTrue(e.getMessage().contains("already in use"), e.getMessage());
      assertTrue(e.getMessage().contains("PALERMO_HTTPS_PORT"), e.getMessage());
    }
  }

  @Test
  void start_operatorKeyWithoutItsList_refusesToReplaceIt() throws Exception {
    ServerConfig config = TestServer.freshConfig();
    Path sealed = config.dataDir().resolve("operator").resolve("operator-key.sealed");
    Files.createDirectories(sealed.getParent());
    Files.write(sealed, new byte[] {1, 2, 3});
    ConfigException e = assertThrows(ConfigException.class, () -> TestServer.start(config));
    assertTrue(e.getMessage().contains("operator-key.sealed exists"), e.getMessage());
    assertTrue(Files.readAllBytes(sealed).length == 3, "the key file is left as it was");
  }

  @Test
  void start_certificateMissing_saysWhichFile() {
    ServerConfig config = TestServer.freshConfig()
        .withTls(Path.of("/nonexistent/cert.pem"), Path.of("/nonexistent/key.pem"));
    ConfigException e = assertThrows(ConfigException.class, () -> TestServer.start(config));
    assertTrue(e.getMessage().contains("/nonexistent/cert.pem"), e.getMessage());
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void start_certificateNotPem_saysSo() throws Exception {
    Path folder = Files.createTempDirectory("palermo-cert");
    Path cert = Files.writeString(folder.resolve("cert.pem"), "not a certificate");
    Path key = Files.writeString(folder.resolve("key.pem"), "not a key");
    ConfigException e = assertThrows(ConfigException.class,
        () -> TestServer.start(TestServer.freshConfig().withTls(cert, key)));
    assertTrue(e.getMessage().contains("PALERMO_TLS_CERT"), e.getMessage());
  }

  @Test
  void start_databaseUnreachable_saysWhere() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = probe.getLocalPort();
    }
    DatabaseSettings nowhere = new DatabaseSettings(
        "jdbc:mariadb://127.0.0.1:" + closedPort + "/palermo", "palermo", "secret-password");
    ServerConfig config = TestServer.freshConfig().withDatabase(nowhere);
    ConfigException e = assertThrows(ConfigException.class, () -> TestServer.start(config));
    assertTrue(e.getMessage().startsWith(
        "Cannot connect to the database at jdbc:mariadb://127.0.0.1:" + closedPort),
        e.getMessage());
    assertTrue(!e.getMessage().contains("secret-password"));
  }

  @Test
  void start_wrongDatabasePassword_saysSoWithoutThePassword() {
    DatabaseSettings real = TestServer.freshConfig().database().orElseThrow();
    DatabaseSettings wrong = new DatabaseSettings(real.url(), real.user(), "wrong-password-x");
    ConfigException e = assertThrows(ConfigException.class,
        () -> TestServer.start(TestServer.freshConfig().withDatabase(wrong)));
    assertTrue(e.getMessage().contains("Cannot connect to the database"), e.getMessage());
    assertTrue(!e.getMessage().contains("wrong-password-x"));
  }
}
