package org.palermo.server.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.audit.AuditClient;
import org.palermo.client.document.DocumentClient;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.http.ServerTrust;
import org.palermo.client.strip.MetadataStripper;
import org.palermo.client.workspace.WorkspaceClient;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.membership.MembershipLog;

/**
 * The helper of {@code scripts/bench-documents}: fills a workspace with many small documents
 * through the client library in one JVM (one {@code palermo doc put} process per document
 * would spend seconds each on the JVM start and the Argon2id unlock), and times an owner's
 * rekey. Everything goes through {@link DocumentClient#put} and
 * {@link WorkspaceClient#rekeyIfNeeded}, as the command line does: documents are stripped,
 * sealed, signed and uploaded, and the membership log is verified, exactly as there.
 *
 * <pre>
 *   DocumentsBench put HOME WORKSPACE COUNT THREADS [BYTES]
 *   DocumentsBench rekey HOME WORKSPACE
 * </pre>
 *
 * <p>HOME is a client folder made by the command line (server, pinned certificate, account,
 * session); the passphrase comes from {@code PALERMO_PASSPHRASE}. {@code put} gives each thread
 * a copy of HOME (its own connection, scratch folder and document pins: the client rewrites
 * the pin file of a workspace after every put, and one file shared by threads would lose
 * updates) and removes the copies afterwards. Results are {@code key: value} lines on standard
 * output; progress goes to standard error.
 */
public final class DocumentsBench {
  private DocumentsBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 5 && args[0].equals("put")) {
      int count = Integer.parseInt(args[3]);
      int threads = Integer.parseInt(args[4]);
      int bytes = args.length > 5 ? Integer.parseInt(args[5]) : 1024;
      System.exit(put(Path.of(args[1]), WorkspaceId.parse(args[2]), count, threads, bytes));
    } else if (args.length == 3 && args[0].equals("rekey")) {
      System.exit(rekey(Path.of(args[1]), WorkspaceId.parse(args[2])));
    }
    System.err.println("usage: DocumentsBench put HOME WORKSPACE COUNT THREADS [BYTES]");
    System.err.println("       DocumentsBench rekey HOME WORKSPACE");
    System.exit(1);
  }

  private static char[] passphrase() {
    String p = System.getenv("PALERMO_PASSPHRASE");
    if (p == null || p.isEmpty()) {
      throw new IllegalStateException("Set PALERMO_PASSPHRASE");
    }
    return p.toCharArray();
  }

  /** A connection as the command line makes it from the settings in a client folder. */
  private static PalermoHttp connect(Home home) {
    Home.ServerSettings s = home.server().orElseThrow(
        () -> new IllegalStateException("No server in " + home.folder()));
    SSLContext trust = s.pinCert() != null
        ? ServerTrust.pinned(ServerTrust.parseFingerprint(s.pinCert()))
        : s.ca() != null ? ServerTrust.fromCaFile(Path.of(s.ca())) : ServerTrust.systemDefault();
    PalermoHttp http = new PalermoHttp(URI.create(s.url()), trust);
    http.useToken(home.requireSession());
    return http;
  }

  private static int put(Path homeDir, WorkspaceId workspace, int count, int threads,
      int bytes) throws Exception {
    Home home = new Home(homeDir);
    long u0 = System.nanoTime();
    IdentityKeys keys = new AccountClient(connect(home), home).unlock(passphrase());
    long unlockNanos = System.nanoTime() - u0;

    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[][] latencies = new long[threads][];
    List<Thread> workers = new ArrayList<>();
    List<Path> copies = new ArrayList<>();
    int step = Math.max(1, count / 10);
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Path copy = copyHome(homeDir, t);
      copies.add(copy);
      int index = t;
      Thread worker = new Thread(() -> {
        try {
          Home own = new Home(copy);
          PalermoHttp http = connect(own);
          AccountClient accounts = new AccountClient(http, own);
          WorkspaceClient workspaces = new WorkspaceClient(http, own, keys, accounts);
          DocumentClient documents = new DocumentClient(http, own, workspaces,
              new MetadataStripper(), new AuditClient(http, own, workspaces, Clock.systemUTC()),
              Clock.systemUTC());
          SecureRandom random = new SecureRandom();
          byte[] content = new byte[bytes];
          Path file = copy.resolve("note.bin");
          long[] mine = new long[count];
          int n = 0;
          for (int i = next.getAndIncrement(); i < count && failure.get() == null;
              i = next.getAndIncrement()) {
            random.nextBytes(content);
            Files.write(file, content);
            long s = System.nanoTime();
            documents.put(workspace, file, Optional.of(String.format(Locale.ROOT,
                "bench-%06d", i)), List.of(), false, DisclosureLevel.CONFIDENTIAL,
                DocumentClient.Progress.NONE);
            mine[n++] = System.nanoTime() - s;
            int d = done.incrementAndGet();
            if (d % step == 0 || d == count) {
              double secs = (System.nanoTime() - t0) / 1e9;
              System.err.printf(Locale.ROOT, "   put %d/%d documents in %.1f s (%.0f/s)%n", d,
                  count, secs, d / secs);
            }
          }
          latencies[index] = Arrays.copyOf(mine, n);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "put-" + t);
      workers.add(worker);
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    for (Path copy : copies) {
      deleteTree(copy);
    }
    if (failure.get() != null) {
      Throwable e = failure.get();
      System.err.println("DocumentsBench: a put failed after " + done.get() + " documents: "
          + e);
      return e instanceof ClientException c ? c.exitCode() : 1;
    }
    long[] all = Arrays.stream(latencies).filter(java.util.Objects::nonNull)
        .flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(Locale.ROOT, "documents: %d%n", done.get());
    System.out.printf(Locale.ROOT, "bytes: %d%n", bytes);
    System.out.printf(Locale.ROOT, "threads: %d%n", threads);
    System.out.printf(Locale.ROOT, "seconds: %.2f%n", seconds);
    System.out.printf(Locale.ROOT, "perSecond: %.1f%n", done.get() / seconds);
    System.out.printf(Locale.ROOT, "putP50Ms: %.1f%n", percentile(all, 50) / 1e6);
    System.out.printf(Locale.ROOT, "putP99Ms: %.1f%n", percentile(all, 99) / 1e6);
    System.out.printf(Locale.ROOT, "unlockMs: %.0f%n", unlockNanos / 1e6);
    return 0;
  }

  private static int rekey(Path homeDir, WorkspaceId workspace) {
    try {
      Home home = new Home(homeDir);
      PalermoHttp http = connect(home);
      AccountClient accounts = new AccountClient(http, home);
      long u0 = System.nanoTime();
      IdentityKeys keys = accounts.unlock(passphrase());
      long u1 = System.nanoTime();
      WorkspaceClient workspaces = new WorkspaceClient(http, home, keys, accounts);
      long t0 = System.nanoTime();
      MembershipLog log = workspaces.log(workspace);
      long t1 = System.nanoTime();
      WorkspaceClient.Rekeyed rekeyed = workspaces.rekeyIfNeeded(log);
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "members: %d%n", rekeyed.log().members().size());
      System.out.printf(Locale.ROOT, "logEntries: %d%n", rekeyed.log().head().sequence() + 1);
      System.out.printf(Locale.ROOT, "epochBefore: %d%n", log.currentEpoch());
      System.out.printf(Locale.ROOT, "epochAfter: %d%n", rekeyed.log().currentEpoch());
      System.out.printf(Locale.ROOT, "keyWraps: %d%n", rekeyed.wraps());
      System.out.printf(Locale.ROOT, "unlockMs: %.0f%n", (u1 - u0) / 1e6);
      System.out.printf(Locale.ROOT, "logMs: %.1f%n", (t1 - t0) / 1e6);
      System.out.printf(Locale.ROOT, "rekeyMs: %.1f%n", (t2 - t1) / 1e6);
      System.out.printf(Locale.ROOT, "totalMs: %.1f%n", (t2 - t0) / 1e6);
      return 0;
    } catch (ClientException e) {
      System.err.println("DocumentsBench: " + e.getMessage());
      return e.exitCode();
    }
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** An owner-only copy of the client folder's files (not its scratch folder). */
  private static Path copyHome(Path homeDir, int index) throws IOException {
    Path copy = homeDir.resolveSibling(homeDir.getFileName() + ".put-" + index);
    Files.createDirectories(copy,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(homeDir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return copy;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
