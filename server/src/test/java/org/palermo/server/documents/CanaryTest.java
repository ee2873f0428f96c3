package org.palermo.server.documents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.palermo.client.home.Home;
import org.palermo.plugins.translation.TranslationPlugin;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.ServerProcess;
import org.palermo.server.testing.TestDatabase;

/**
 * ATTACKS.md class 21, metadata leakage: random canaries in a confidential document's body,
 * title, file name and tags (and its workspace's name) appear nowhere on the server, in any
 * common encoding: not in a dump of its database, not in any file under its data folder
 * (blobs, MariaDB's own files, temporary files), not in its log, and not in what it answers to
 * a member or to an outsider. The server runs as an operator runs it, in a child JVM with the
 * embedded MariaDB; the people use the real palermo command line.
 */
class CanaryTest {
  private static final Map<String, String> GENEROUS = Map.of(
      "PALERMO_RATE_LIMIT_API_PER_ADDRESS", "100000/1m",
      "PALERMO_RATE_LIMIT_REGISTER_PER_ADDRESS", "1000/1m",
      "PALERMO_RATE_LIMIT_LOGIN_PER_ADDRESS", "1000/1m");

  @AfterEach
  void killServers() {
    ServerProcess.killAll();
  }


  private static String canary() {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Test
  void leakSearch_everyFormAtEveryAlignment_isFound() {
    SecureRandom random = new SecureRandom();
    String secret = canary();
    byte[] haystack = new byte[1 << 20];
    random.nextBytes(haystack);
    LeakSearch search = new LeakSearch(List.of(secret));
    assertEquals(List.of(), search.findIn("noise", haystack));
    byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
    List<byte[]> planted = new ArrayList<>();
    planted.add(utf8);
    planted.add(secret.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    planted.add(secret.getBytes(StandardCharsets.UTF_16LE));
    planted.add(secret.getBytes(StandardCharsets.UTF_16BE));
    planted.add(HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII));
    planted.add(HexFormat.of().withUpperCase().formatHex(utf8)
        .getBytes(StandardCharsets.US_ASCII));
    for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int before = 0; before < 6; before++) {
        // The secret inside a longer value, as a server would encode a whole field or file.
        byte[] value = new byte[before + utf8.length + 5];
        random.nextBytes(value);
        System.arraycopy(utf8, 0, value, before, utf8.length);
        planted.add(encoder.encode(value));
      }
    }
    for (int i = 0; i < planted.size(); i++) {
      byte[] around = new byte[200 + planted.get(i).length];
      random.nextBytes(around);
      System.arraycopy(planted.get(i), 0, around, 100, planted.get(i).length);
      assertFalse(search.findIn("planted", around).isEmpty(), "form " + i + " missed");
    }
  }

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void canaries_inBodyTitleFileNameTagsAndWorkspaceName_appearNowhereOnTheServer()
      throws Exception {
    Map<String, String> canaries = new LinkedHashMap<>();
    for (String field : List.of("body", "title", "file name", "tag", "workspace name",
        "submission text", "submission title", "comment", "sign-off organisation",
        "translation text", "translation title", "translation file name", "glossary term")) {
      canaries.put(field, canary());
    }
    long t0 = System.nanoTime();
    Path data = TestDatabase.folder("canary");
    // The translation plugin, installed and enabled as an operator would (issue 8).
    PluginJars.install(data.resolve("plugins"), TranslationPlugin.class, "translation",
        "rest,storage,read-workspaces,messages");
    ServerProcess server = ServerProcess.start(data, ServerProcess.freePort(), GENEROUS);
    Cli cli = new Cli(server, null);

    phase(t0, "started");
    Person a = cli.register("a");
    Person b = cli.register("b");
    Person c = cli.register("c");
    String ws = ok(cli.run(a.home(), "workspace", "create",
        "Evidence " + canaries.get("workspace name"))).line("workspace");
    Cli.Run invite = ok(cli.run(a.home(), "workspace", "invite", ws, b.handle(),
        "--role", "viewer"));
    ok(cli.run(b.home(), "workspace", "accept", invite.line("invitation")));

    phase(t0, "people");
    Path folder = Cli.home(Cli.unique("files")).getParent();
    Files.createDirectories(folder);
    Path file = folder.resolve("witness-" + canaries.get("file name") + ".txt");
    byte[] body = ("Witness statement, confidential.\nThe convoy code was "
        + canaries.get("body") + ".\nRepeated: " + canaries.get("body") + "\n")
        .getBytes(StandardCharsets.UTF_8);
    Files.write(file, body);
    String title = "Checkpoint " + canaries.get("title");
    Cli.Run put = ok(cli.run(a.home(), "doc", "put", ws, file.toString(), "--title", title,
        "--tag", "road-" + canaries.get("tag"), "--keep-original"));
    String doc = put.line("document");

    phase(t0, "put");
    // The member sees everything (so the canaries did travel, sealed), and reads the body.
    Cli.Run listed = ok(cli.run(b.home(), "--json", "doc", "list", ws));
    for (String field : List.of("title", "file name", "tag")) {
      assertTrue(listed.out().contains(canaries.get(field)), field + ": " + listed.out());
    }
    assertTrue(ok(cli.run(b.home(), "workspace", "list")).out()
        .contains(canaries.get("workspace name")));
    Path got = folder.resolve("got.txt");
    ok(cli.run(b.home(), "doc", "get", ws, title, "-o", got.toString()));
    assertArrayEquals(body, Files.readAllBytes(got));

    phase(t0, "member");
    // A submission, a comment on it and a sign-off, each with its canaries (issue 5).
    Path draft = folder.resolve("draft.md");
    Files.writeString(draft, "# Shadow report\n\nThe route passes " + canaries.get(
        "submission text") + ".\n");
    String submission = ok(cli.run(a.home(), "submission", "new", ws, "--file", draft.toString(),
        "--title", "Report " + canaries.get("submission title"))).line("document");
    ok(cli.run(a.home(), "submission", "comment", ws, submission, "Check "
        + canaries.get("comment")));
    ok(cli.run(a.home(), "submission", "sign-off", ws, submission, "--org", "Coalition "
        + canaries.get("sign-off organisation")));
    Cli.Run endorsed = ok(cli.run(b.home(), "submission", "endorsements", ws, submission));
    assertTrue(endorsed.out().contains(canaries.get("sign-off organisation")), endorsed.out());
    assertTrue(ok(cli.run(b.home(), "submission", "comments", ws, submission)).out()
        .contains(canaries.get("comment")));

    phase(t0, "submission");
    // A language version of the submission and a term of the workspace's own glossary.
    Path spanish = folder.resolve("informe-" + canaries.get("translation file name") + ".md");
    Files.writeString(spanish, "# Informe\n\nLa ruta pasa por " + canaries.get(
        "translation text") + ".\n");
    String translation = ok(cli.run(a.home(), "translate", "link", ws, submission, "--file",
        spanish.toString(), "--from", "en", "--to", "es", "--title", "Informe "
        + canaries.get("translation title"), "--machine", "apertium")).line("translation");
    ok(cli.run(a.home(), "translate", "glossary", "add", ws, "route", "--term", "es=ruta "
        + canaries.get("glossary term")));
    assertTrue(ok(cli.run(b.home(), "translate", "status", ws)).out().contains(translation));
    assertTrue(ok(cli.run(b.home(), "translate", "glossary", "show", ws)).out()
        .contains(canaries.get("glossary term")));
    Path gotSpanish = folder.resolve("got-es.md");
    ok(cli.run(b.home(), "doc", "get", ws, translation, "-o", gotSpanish.toString()));
    assertTrue(Files.readString(gotSpanish).contains(canaries.get("translation text")));

    phase(t0, "translation");
    // The outsider is refused everywhere.
    List<Cli.Run> outsider = List.of(cli.run(c.home(), "doc", "list", ws),
        cli.run(c.home(), "workspace", "members", ws),
        cli.run(c.home(), "doc", "get", ws, doc, "-o", folder.resolve("c.txt").toString()));
    for (Cli.Run run : outsider) {
      assertEquals(2, run.code(), run.toString());
    }

    phase(t0, "outsider");
    // What the server answers, byte for byte, to the member and to the outsider.
    List<String> paths = List.of("api/v1/accounts/me", "api/v1/workspaces",
        "api/v1/invitations", "api/v1/workspaces/" + ws + "/membership",
        "api/v1/workspaces/" + ws + "/names", "api/v1/workspaces/" + ws + "/documents",
        "api/v1/workspaces/" + ws + "/documents/" + doc + "/versions",
        "api/v1/workspaces/" + ws + "/documents/" + doc + "/versions/1/content",
        "api/v1/workspaces/" + ws + "/documents/" + doc + "/versions/1/original",
        "api/v1/workspaces/" + ws + "/documents/" + submission + "/versions",
        "api/v1/workspaces/" + ws + "/documents/" + submission + "/versions/1/content",
        "api/v1/workspaces/" + ws + "/audit",
        "api/v1/plugins/translation/workspaces/" + ws + "/versions",
        "api/v1/plugins/translation/workspaces/" + ws + "/requests",
        "api/v1/workspaces/" + ws + "/documents/" + translation + "/versions",
        "api/v1/workspaces/" + ws + "/documents/" + translation + "/versions/1/content");
    Map<String, byte[]> answers = new LinkedHashMap<>();
    HttpClient http = server.httpClient();
    for (Person p : List.of(b, c)) {
      String token = new Home(p.home()).requireSession();
      for (String path : paths) {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        boolean member = p == b;
        if (path.contains(ws)) {
          assertEquals(member ? 200 : 404, r.statusCode(), p.handle() + " " + path);
        }
        answers.put((member ? "member " : "outsider ") + path + " (" + r.statusCode() + ")",
            (r.headers().map() + "\n").getBytes(StandardCharsets.UTF_8));
        answers.put((member ? "member " : "outsider ") + path + " body", r.body());
      }
    }

    phase(t0, "raw");
    int dbPort = server.embeddedDatabasePort().orElseThrow(
        () -> new AssertionError("no embedded mariadbd found under the server"));
    byte[] dump = dump(data, dbPort, false);
    byte[] hexDump = dump(data, dbPort, true);
    String dumpText = new String(dump, StandardCharsets.UTF_8);
    assertTrue(dumpText.contains("CREATE TABLE `document_versions`"), "a real dump");
    assertTrue(dumpText.contains("INSERT INTO `document_versions`"), "with the rows");

    phase(t0, "dump");
    // A clean stop: MariaDB writes every page to its files.
    assertEquals(143, server.terminate(Duration.ofSeconds(60)), server.output());

    phase(t0, "stopped");
    LeakSearch search = new LeakSearch(canaries.values());
    Predicate<Path> binaries = p -> data.relativize(p).startsWith(Path.of("mariadb", "base"));
    List<String> hits = new ArrayList<>();
    hits.addAll(search.findIn("database dump", dump));
    hits.addAll(search.findIn("database dump --hex-blob", hexDump));
    hits.addAll(search.findUnder(data, binaries));
    hits.addAll(search.findIn("server log", Files.readAllBytes(server.log())));
    answers.forEach((where, bytes) -> hits.addAll(search.findIn(where, bytes)));
    for (Cli.Run run : outsider) {
      hits.addAll(search.findIn("outsider's command line", run.out() + run.err()));
    }
    assertEquals(List.of(), hits, "canaries found");

    phase(t0, "searched");
    // The same search finds what the server does keep in the clear: a broken search, an empty
    // dump or an unread folder cannot pass.
    LeakSearch handles = new LeakSearch(List.of(a.handle(), b.handle(), c.handle()));
    assertTrue(handles.findIn("dump", dump).size() >= 3, "handles in the dump");
    String wsHex = "0x" + ws.toUpperCase(java.util.Locale.ROOT);
    assertTrue(new String(hexDump, StandardCharsets.US_ASCII).contains(wsHex), "ids in hex");
    List<String> inFiles = handles.findUnder(data.resolve("mariadb").resolve("data"), p -> false);
    for (Person p : List.of(a, b, c)) {
      assertTrue(inFiles.stream().anyMatch(h -> h.endsWith("UTF-8 of " + p.handle())),
          "the handle of " + p.handle() + " in MariaDB's files: " + inFiles);
    }
    assertTrue(Files.readString(server.log()).contains("Palermo is running at"));
    long[] census = LeakSearch.census(data, binaries);
    assertTrue(census[0] > 20 && census[1] > 10_000_000L, "searched " + census[0] + " files, "
        + census[1] + " bytes");
    assertTrue(search.needles().size() >= 9 * 12);
  }

  private static void phase(long t0, String name) {
    System.out.printf("CanaryTest %-10s %6.1f s%n", name, (System.nanoTime() - t0) / 1e9);
  }

  /** mariadb-dump of the server's schema, as the server's own account (in its data folder). */
  private static byte[] dump(Path data, int port, boolean hexBlob) throws Exception {
    Path mariadb = data.resolve("mariadb");
    String password = Files.readString(mariadb.resolve("palermo.password")).strip();
    Path work = TestDatabase.folder("canary-dump");
    Path options = work.resolve("client.cnf");
    Files.writeString(options, "[client]\nuser=palermo\npassword=" + password + "\n");
    Path out = work.resolve(hexBlob ? "dump-hex.sql" : "dump.sql");
    List<String> command = new ArrayList<>(List.of(
        mariadb.resolve("base/bin/mariadb-dump").toString(),
        "--defaults-extra-file=" + options, "--protocol=TCP", "--host=127.0.0.1",
        "--port=" + port, "--single-transaction", "--no-tablespaces", "--skip-extended-insert"));
    if (hexBlob) {
      command.add("--hex-blob");
    }
    command.add("palermo");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(work.resolve("dump.err").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mariadb-dump ends");
    assertEquals(0, p.exitValue(), () -> "mariadb-dump failed: " + read(work.resolve("dump.err")));
    byte[] bytes = Files.readAllBytes(out);
    assertFalse(bytes.length == 0, "an empty dump");
    return bytes;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
