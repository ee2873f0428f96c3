package org.palermo.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.TestServer;

/**
 * Protocol versions and suites, probed from outside with OpenSSL's own client (another TLS
 * implementation than the server's) and from the JDK.
 */
class TlsPolicyTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Probe(boolean connected, String output) {}

  /** Runs {@code openssl s_client} with {@code args}; connected when a session was set up. */
  private static Probe openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect",
        "127.0.0.1:" + server.server().port(), "-servername", "localhost"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write("Q\n".getBytes(StandardCharsets.US_ASCII));
    process.getOutputStream().close();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl finished");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // "New, TLSv1.3, Cipher is X" or the session block's "Cipher    : X"; (NONE) or 0000 if not.
    boolean connected = output.lines().anyMatch(l -> l.matches(".*Cipher( is|\\s*:) [A-Z0-9].*")
        && !l.contains("(NONE)") && !l.matches(".*Cipher\\s*: 0000.*"));
    return new Probe(connected, output);
  }

  private static boolean opensslAvailable() {
    return Files.isExecutable(Path.of("/usr/bin/openssl"));
  }

  @Test
  void tls13_isAccepted() throws Exception {
    assumeTrue(opensslAvailable(), "scripts/test installs openssl");
    Probe probe = openssl("-tls1_3");
    assertTrue(probe.connected(), probe.output());
    assertTrue(probe.output().contains("TLSv1.3"), probe.output());
  }

  @Test
  void tls12_withForwardSecretAead_isAccepted() throws Exception {
    assumeTrue(opensslAvailable(), "scripts/test installs openssl");
    Probe probe = openssl("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384");
    assertTrue(probe.connected(), probe.output());
  }

  @Test
  void tls11AndTls10_areRefused() throws Exception {
    assumeTrue(opensslAvailable(), "scripts/test installs openssl");
    for (String version : List.of("-tls1_1", "-tls1")) {
      Probe probe = openssl(version, "-cipher", "DEFAULT:@SECLEVEL=0");
      assertTrue(!probe.connected(), version + " connected: " + probe.output());
    }
  }

  @Test
  void tls12_weakSuites_areRefused() throws Exception {
    assumeTrue(opensslAvailable(), "scripts/test installs openssl");
    for (String suite : List.of("ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384",
        "AES128-GCM-SHA256", "AES256-SHA", "DHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA",
        "DES-CBC3-SHA", "RC4-SHA", "NULL-SHA256", "aNULL")) {
      Probe probe = openssl("-tls1_2", "-cipher", suite + ":@SECLEVEL=0");
      assertTrue(!probe.connected(), suite + " connected: " + probe.output());
    }
  }

  @Test
  void jdkClient_negotiatesTls13ByDefault() throws Exception {
    try (SSLSocket socket = (SSLSocket) TestServer.trusting(server.server()).getSocketFactory()
        .createSocket("127.0.0.1", server.server().port())) {
      socket.startHandshake();
      assertEquals("TLSv1.3", socket.getSession().getProtocol());
    }
  }
}
