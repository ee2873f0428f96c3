package org.palermo.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.palermo.server.Main;

/**
 * The server as an operator runs it: {@link Main} in a child JVM with this JVM's class path,
 * configured only by {@code PALERMO_*} variables, its standard output and error written to a
 * log file of its own beside the data folder. Every child (and what it started, such as the
 * embedded {@code mariadbd}) is killed by {@link #killAll()}, which tests call after each test
 * and a shutdown hook calls when the test JVM ends.
 */
public final class ServerProcess implements AutoCloseable {
  private static final List<ServerProcess> launched = new CopyOnWriteArrayList<>();
  private static final AtomicInteger launches = new AtomicInteger();
  private static final Pattern RUNNING = Pattern.compile("Palermo is running at (\\S+)");
  private static final Pattern CERTIFICATE = Pattern.compile("^\\s+certificate\\s+(\\S+)");
  private static final Pattern FINGERPRINT = Pattern.compile("^\\s+SHA-256\\s+(\\S+)");
  private static final Pattern DB_PORT = Pattern.compile("^--port=(\\d+)$");

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ServerProcess::killAll,
        "server-process-kill"));
  }

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private volatile URI base;
  private volatile Path certificate;
  private volatile String fingerprint;
  private volatile List<ProcessHandle> children = List.of();

  private ServerProcess(Process process, Path dataDir, Path log) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
  }

  /**
   * Starts the server on {@code dataDir} and {@code port} (more settings in {@code env}) and
   * waits until it printed where it runs.
   */
  public static ServerProcess start(Path dataDir, int port, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("PALERMO_HTTPS_PORT", Integer.toString(port));
    return launch(dataDir, all).awaitStarted(Duration.ofMinutes(3));
  }

  /** Starts the child JVM without waiting for anything. */
  public static ServerProcess launch(Path dataDir, Map<String, String> env) {
    try {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // As scripts/run does: the child's temporary files live in its data folder.
      Path tmp = Files.createDirectories(dataDir.resolve("tmp"));
      Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + launches.incrementAndGet()
          + ".log");
      ProcessBuilder builder = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp,
          "-cp", System.getProperty("java.class.path"), Main.class.getName());
      builder.environment().keySet().removeIf(k -> k.startsWith("PALERMO_"));
      builder.environment().put("PALERMO_DATA_DIR", dataDir.toString());
      builder.environment().putAll(env);
      builder.redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      ServerProcess started = new ServerProcess(builder.start(), dataDir, log);
      launched.add(started);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the banner's last line; fails with the output when the child ends first. */
  public ServerProcess awaitStarted(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = lines();
      if (lines.stream().anyMatch(l -> l.startsWith("Stop with Ctrl-C"))) {
        for (String line : lines) {
          find(RUNNING, line).ifPresent(v -> base = URI.create(v));
          find(CERTIFICATE, line).ifPresent(v -> certificate = Path.of(v));
          find(FINGERPRINT, line).ifPresent(v -> fingerprint = v);
        }
        if (base == null || fingerprint == null) {
          throw new AssertionError("no URL or fingerprint printed: " + output());
        }
        children = process.descendants().toList();
        return this;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the server ended with " + process.exitValue()
            + " before it started: " + output());
      }
      sleep(100);
    }
    kill();
    throw new AssertionError("the server did not start within " + timeout + ": " + output());
  }

  private static Optional<String> find(Pattern pattern, String line) {
    Matcher m = pattern.matcher(line);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  public Process process() {
    return process;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The file that holds everything the child wrote to standard output and error. */
  public Path log() {
    return log;
  }

  public URI baseUri() {
    return base;
  }

  public Path certificate() {
    return certificate;
  }

  /** The certificate's SHA-256 fingerprint as the banner prints it (for --pin-cert). */
  public String fingerprint() {
    return fingerprint;
  }

  /** What the child printed so far. */
  public String output() {
    try (InputStream in = Files.newInputStream(log)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<String> lines() {
    return output().lines().toList();
  }

  /** The port of the embedded MariaDB this child started, from its command line. */
  public Optional<Integer> embeddedDatabasePort() {
    for (ProcessHandle child : children) {
      String[] args = child.info().arguments().orElse(new String[0]);
      boolean mariadbd = child.info().command().map(c -> c.endsWith("mariadbd")).orElse(false);
      for (String arg : args) {
        Matcher m = DB_PORT.matcher(arg);
        if (mariadbd && m.matches()) {
          return Optional.of(Integer.parseInt(m.group(1)));
        }
      }
    }
    return Optional.empty();
  }

  /** SIGTERM (a clean stop: requests drain, the embedded database stops); the exit status. */
  public int terminate(Duration timeout) {
    // Through the handle: Process.destroy() would also close our end of its streams.
    process.toHandle().destroy();
    return awaitExit(timeout);
  }

  /** Waits for the child to end on its own; the exit status. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new AssertionError("the server did not end within " + timeout + ": " + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  /**
   * kill -9 of the child JVM and of every process it started (the embedded database): what a
   * crash of the machine's processes leaves behind. Returns when all of them are gone.
   */
  public void kill() {
    List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
    children.stream().filter(ProcessHandle::isAlive).filter(c -> !tree.contains(c))
        .forEach(tree::add);
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(30, TimeUnit.SECONDS);
      for (ProcessHandle p : tree) {
        p.onExit().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("a killed process did not end", e);
    }
    launched.remove(this);
  }

  @Override
  public void close() {
    kill();
  }

  /** Kills every child this JVM started that is still around. */
  public static void killAll() {
    for (ServerProcess p : launched) {
      try {
        p.kill();
      } catch (RuntimeException e) {
        // best effort: the next one still gets killed
      }
    }
  }

  /** A port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An SSL context that trusts exactly the certificate the child printed. */
  public SSLContext trust() {
    try {
      X509Certificate cert;
      try (InputStream in = Files.newInputStream(certificate)) {
        cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("palermo", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP client that trusts exactly this server's certificate. */
  public HttpClient httpClient() {
    return HttpClient.newBuilder().sslContext(trust()).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
