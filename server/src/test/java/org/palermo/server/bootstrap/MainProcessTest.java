package org.palermo.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.palermo.server.testing.ServerProcess;
import org.palermo.server.testing.TestDatabase;

/**
 * The server as an operator runs it: a separate JVM with the embedded database, what it
 * prints, SIGTERM, and a second start that finds the same data.
 */
class MainProcessTest {

  @AfterEach
  void killLeftovers() {
    ServerProcess.killAll();
  }

  private static HttpResponse<String> health(ServerProcess started) throws Exception {
    return started.httpClient().send(
        HttpRequest.newBuilder(started.baseUri().resolve("api/v1/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Requests that a careless server would log with the caller's address or user agent. */
  private static void provokeLogging(ServerProcess started) throws Exception {
    HttpClient client = started.httpClient();
    for (HttpRequest request : List.of(
        HttpRequest.newBuilder(started.baseUri().resolve("api/v1/canary-path-4711"))
            .header("User-Agent", "PalermoCanaryAgent/9.9").build(),
        HttpRequest.newBuilder(started.baseUri().resolve("api/v1/health"))
            .header("User-Agent", "PalermoCanaryAgent/9.9")
            .header("X-Filler", "f".repeat(20_000)).build())) {
      client.send(request, HttpResponse.BodyHandlers.discarding());
    }
    // Plain HTTP and garbage on the TLS port: handshake failures.
    for (String garbage : List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\u0016\u0003\u0001junk")) {
      try (java.net.Socket socket = new java.net.Socket(started.baseUri().getHost(),
          started.baseUri().getPort())) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(garbage.getBytes(StandardCharsets.ISO_8859_1));
        socket.getInputStream().read();
      } catch (IOException e) {
        // refused or reset: what we expect
      }
    }
  }

  private static List<String> logLines(List<String> lines) {
    return lines.stream().filter(l -> l.matches("^\\d{4}-\\d{2}-\\d{2} .*")).toList();
  }

  private static String lineStarting(List<String> lines, String prefix) {
    return lines.stream().map(String::strip).filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + lines));
  }

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void main_embeddedDatabase_startsPrintsStopsOnSigtermAndRestartsOnSameData() throws Exception {
    Path data = TestDatabase.folder("main");
    int port = ServerProcess.freePort();

    ServerProcess first = ServerProcess.start(data, port, Map.of());
    assertEquals(200, health(first).statusCode());
    String fingerprint = lineStarting(first.lines(), "SHA-256");
    assertTrue(fingerprint.matches("SHA-256\\s+([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);
    String installation = lineStarting(first.lines(), "installation");
    assertTrue(lineStarting(first.lines(), "database").endsWith("(new)"));
    provokeLogging(first);
    assertEquals(143, first.terminate(Duration.ofSeconds(60)),
        "exit by SIGTERM after clean stop");
    assertTrue(first.lines().stream().anyMatch(l -> l.contains("Stopped")),
        first.lines()::toString);

    ServerProcess second = ServerProcess.start(data, port, Map.of());
    try {
      assertEquals(200, health(second).statusCode());
      assertEquals(installation, lineStarting(second.lines(), "installation"), "same data");
      assertEquals(fingerprint, lineStarting(second.lines(), "SHA-256"), "same certificate");
      assertTrue(lineStarting(second.lines(), "database").endsWith("(existing data)"));
    } finally {
      second.terminate(Duration.ofSeconds(60));
    }
    for (String line : first.lines()) {
      assertFalse(line.contains("Exception"), "no stack traces in normal output: " + line);
    }
    List<String> logged = logLines(first.lines());
    assertTrue(logged.stream().anyMatch(l -> l.contains("Stopped")), "log lines recognised");
    for (String line : logged) {
      assertFalse(line.contains("127.0.0.1") || line.contains("localhost"), "an address: " + line);
      assertFalse(line.contains("PalermoCanaryAgent"), "a user agent: " + line);
      assertFalse(line.contains("canary-path-4711"), "a request path: " + line);
    }
  }

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void main_configurationError_printsOneLineAndExits2() throws Exception {
    Path data = TestDatabase.folder("main-bad");
    ServerProcess process = ServerProcess.launch(data, Map.of("PALERMO_HTTPS_PORT", "eighty"));
    assertEquals(2, process.awaitExit(Duration.ofSeconds(60)));
    String output = process.output();
    assertEquals(List.of("palermo: cannot start: PALERMO_HTTPS_PORT must be a whole number from 0"
        + " to 65535, got 'eighty'"), output.lines().toList());
  }

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void main_portTaken_printsOneLineAndExits2() throws Exception {
    Path data = TestDatabase.folder("main-port");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ServerProcess process = ServerProcess.launch(data,
          Map.of("PALERMO_HTTPS_PORT", Integer.toString(taken.getLocalPort())));
      int exit = process.awaitExit(Duration.ofSeconds(120));
      String output = process.output();
      assertEquals(2, exit, output);
      List<String> lines = output.lines().toList();
      assertEquals(1, lines.size(), output);
      assertTrue(lines.get(0).startsWith("palermo: cannot start: Port " + taken.getLocalPort()),
          output);
    }
  }
}
