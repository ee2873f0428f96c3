package org.palermo.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.palermo.server.Main;
import org.palermo.server.testing.TestDatabase;

/**
 * The server as an operator runs it: a separate JVM with the embedded database, what it
 * prints, SIGTERM, and a second start that finds the same data.
 */
class MainProcessTest {
  private static final List<Process> launched = new java.util.concurrent.CopyOnWriteArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void killLeftovers() {
    launched.forEach(Process::destroyForcibly);
    launched.clear();
  }

  private static Process launch(Path dataDir, Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // As scripts/run does: the child's temporary files live in its data folder.
    Path tmp = Files.createDirectories(dataDir.resolve("tmp"));
    ProcessBuilder builder = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), Main.class.getName());
    builder.environment().keySet().removeIf(k -> k.startsWith("PALERMO_"));
    builder.environment().put("PALERMO_DATA_DIR", dataDir.toString());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    launched.add(process);
    return process;
  }

  private record Started(Process process, List<String> lines, URI base, Path certificate,
      Thread reader) {
    /** Waits for the process to end and for its last output line to be read. */
    int awaitExit() throws InterruptedException {
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "stops within a minute");
      reader.join(10_000);
      return process.exitValue();
    }
  }

  private static Started startAndRead(Path dataDir, int port) throws Exception {
    Process process = launch(dataDir, Map.of("PALERMO_HTTPS_PORT", Integer.toString(port)));
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    URI base = null;
    Path certificate = null;
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      lines.add(line);
      Matcher running = Pattern.compile("Palermo is running at (\\S+)").matcher(line);
      if (running.find()) {
        base = URI.create(running.group(1));
      }
      Matcher cert = Pattern.compile("^\\s+certificate\\s+(\\S+)").matcher(line);
      if (cert.find()) {
        certificate = Path.of(cert.group(1));
      }
      if (line.startsWith("Stop with Ctrl-C")) {
        break;
      }
    }
    Thread reader = new Thread(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process is gone
      }
    });
    reader.start();
    assertNotNull(base, () -> "no URL printed: " + lines);
    return new Started(process, lines, base, certificate, reader);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static HttpResponse<String> health(Started started) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trustingCertificate(started)).build();
    return client.send(HttpRequest.newBuilder(started.base().resolve("api/v1/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext trustingCertificate(Started started) throws Exception {
    X509Certificate cert;
    try (var in = Files.newInputStream(started.certificate())) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("dev", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  /** Requests that a careless server would log with the caller's address or user agent. */
  private static void provokeLogging(Started started) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trustingCertificate(started)).build();
    for (HttpRequest request : List.of(
        HttpRequest.newBuilder(started.base().resolve("api/v1/canary-path-4711"))
            .header("User-Agent", "PalermoCanaryAgent/9.9").build(),
        HttpRequest.newBuilder(started.base().resolve("api/v1/health"))
            .header("User-Agent", "PalermoCanaryAgent/9.9")
            .header("X-Filler", "f".repeat(20_000)).build())) {
      client.send(request, HttpResponse.BodyHandlers.discarding());
    }
    // Plain HTTP and garbage on the TLS port: handshake failures.
    for (String garbage : List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\u0016\u0003\u0001junk")) {
      try (java.net.Socket socket = new java.net.Socket(started.base().getHost(),
          started.base().getPort())) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(garbage.getBytes(StandardCharsets.ISO_8859_1));
        socket.getInputStream().read();
      } catch (IOException e) {
        // refused or reset: what we expect
      }
    }
  }

  private static List<String> logLines(List<String> lines) {
    synchronized (lines) {
      return lines.stream().filter(l -> l.matches("^\\d{4}-\\d{2}-\\d{2} .*")).toList();
    }
  }

  private static String lineStarting(List<String> lines, String prefix) {
    return lines.stream().map(String::strip).filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + lines));
  }

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void main_embeddedDatabase_startsPrintsStopsOnSigtermAndRestartsOnSameData() throws Exception {
    Path data = TestDatabase.folder("main");
    int port = freePort();

    Started first = startAndRead(data, port);
    assertEquals(200, health(first).statusCode());
    String fingerprint = lineStarting(first.lines(), "SHA-256");
    assertTrue(fingerprint.matches("SHA-256\\s+([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);
    String installation = lineStarting(first.lines(), "installation");
    assertTrue(lineStarting(first.lines(), "database").endsWith("(new)"));
    provokeLogging(first);
    // SIGTERM through the handle: Process.destroy() would also close our end of its output.
    first.process().toHandle().destroy();
    assertEquals(143, first.awaitExit(), "exit by SIGTERM after clean stop");
    assertTrue(first.lines().stream().anyMatch(l -> l.contains("Stopped")),
        first.lines()::toString);

    Started second = startAndRead(data, port);
    try {
      assertEquals(200, health(second).statusCode());
      assertEquals(installation, lineStarting(second.lines(), "installation"), "same data");
      assertEquals(fingerprint, lineStarting(second.lines(), "SHA-256"), "same certificate");
      assertTrue(lineStarting(second.lines(), "database").endsWith("(existing data)"));
    } finally {
      second.process().toHandle().destroy();
      second.awaitExit();
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
    Process process = launch(data, Map.of("PALERMO_HTTPS_PORT", "eighty"));
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue());
    assertEquals(List.of("palermo: cannot start: PALERMO_HTTPS_PORT must be a whole number from 0"
        + " to 65535, got 'eighty'"), output.lines().toList());
  }

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void main_portTaken_printsOneLineAndExits2() throws Exception {
    Path data = TestDatabase.folder("main-port");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Process process = launch(data,
          Map.of("PALERMO_HTTPS_PORT", Integer.toString(taken.getLocalPort())));
      assertTrue(process.waitFor(120, TimeUnit.SECONDS));
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(2, process.exitValue(), output);
      List<String> lines = output.lines().toList();
      assertEquals(1, lines.size(), output);
      assertTrue(lines.get(0).startsWith("palermo: cannot start: Port " + taken.getLocalPort()),
          output);
    }
  }
}
