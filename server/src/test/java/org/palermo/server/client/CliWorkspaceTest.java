package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import java.io.RandomAccessFile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.blobs.BlobId;
import org.palermo.server.config.BlobStoreSettings;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.TestServer;

/**
 * Workspaces and documents end to end: the palermo command line against the real server over
 * HTTPS, three people (owner A, editor B, outsider C), then the server turned against them by
 * rewriting what it stores (ATTACKS.md classes 4, 10-16): the client refuses with exit code 3.
 */
class CliWorkspaceTest {
  private static TestServer server;
  private static Cli cli;

  @BeforeAll
  static void start() {
    RateLimitRule generous = new RateLimitRule(10_000, Duration.ofMinutes(1));
    server = TestServer.start(c -> c.withRateLimit(RateLimit.REGISTER_PER_ADDRESS, generous)
        .withRateLimit(RateLimit.LOGIN_PER_ADDRESS, generous)
        .withRateLimit(RateLimit.API_PER_ADDRESS, generous)
        .withRateLimit(RateLimit.API_PER_ACCOUNT, generous), Clock.systemUTC(), rc -> {});
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Person register(String prefix) {
    return cli.register(prefix);
  }

  private static Cli.Run as(Person p, String... args) {
    return cli.as(p, args);
  }

  private static void assertIntegrityFailure(Cli.Run run, String expectedWords) {
    assertEquals(3, run.code(), run.toString());
    assertTrue(run.err().contains(expectedWords), run.err());
  }

  private static Path file(String name, byte[] content) throws Exception {
    Path dir = Cli.home(Cli.unique("files")).getParent();
    Files.createDirectories(dir);
    Path f = dir.resolve(name);
    Files.write(f, content);
    return f;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** Owner A with a workspace that editor B joined; A's next command gave B the key. */
  record Shared(Person a, Person b, String ws) {}

  private static Shared shared() {
    Person a = register("a");
    Person b = register("b");
    String ws = ok(as(a, "workspace", "create", "Coalition " + a.handle())).line("workspace");
    Cli.Run invite = ok(as(a, "workspace", "invite", ws, b.handle(), "--role", "editor"));
    ok(as(b, "workspace", "accept", invite.line("invitation")));
    return new Shared(a, b, ws);
  }

  @Test
  void ownerEditorOutsider_endToEnd_andRemovalRevokes() throws Exception {
    Person a = register("a");
    Person b = register("b");
    Person c = register("c");
    Cli.Run created = ok(as(a, "workspace", "create", "Marange evidence"));
    String ws = created.line("workspace");

    Cli.Run invite = ok(as(a, "workspace", "invite", ws, b.handle(), "--role", "editor"));
    String code = invite.line("verificationCode");
    assertEquals(8, code.split(" ").length, code);
    Cli.Run listed = ok(as(b, "workspace", "list"));
    assertTrue(listed.out().contains(invite.line("invitation")), listed.out());
    Cli.Run accepted = ok(as(b, "workspace", "accept", invite.line("invitation")));
    assertEquals(code, accepted.line("verificationCode"), "both people see the same code");

    byte[] big = random(50 * 1024 * 1024);
    byte[] small = "testimony: the convoy left at dawn".getBytes();
    Cli.Run putBig = ok(as(a, "doc", "put", ws, file("video.bin", big).toString(),
        "--title", "Convoy video", "--tag", "video"));
    assertEquals("2", putBig.line("newEpochKeyWraps"),
        "A's client started an epoch for A and B (one wrap each) before sealing");
    ok(as(a, "doc", "put", ws, file("testimony.txt", small).toString()));

    Path out = b.home().getParent().resolve("video.out");
    ok(as(b, "doc", "get", ws, "Convoy video", "-o", out.toString()));
    assertArrayEquals(big, Files.readAllBytes(out));
    Path outSmall = b.home().getParent().resolve("testimony.out");
    ok(as(b, "doc", "get", ws, "testimony.txt", "-o", outSmall.toString()));
    assertArrayEquals(small, Files.readAllBytes(outSmall));
    Cli.Run bWorkspaces = ok(as(b, "workspace", "list"));
    assertTrue(bWorkspaces.out().contains("Marange evidence"),
        "B reads the name sealed under the epoch B joined in: " + bWorkspaces.out());
    Cli.Run members = ok(as(b, "workspace", "members", ws));
    assertTrue(members.out().contains(a.handle() + "  owner"), members.out());
    Cli.Run bList = ok(as(b, "doc", "list", ws));
    assertTrue(bList.out().contains("Convoy video") && bList.out().contains("testimony.txt"),
        bList.out());
    ok(as(b, "workspace", "verify", ws));

    // C is no member: nothing, everywhere (the server answers 404).
    assertEquals(2, as(c, "doc", "list", ws).code());
    assertEquals(2, as(c, "workspace", "members", ws).code());
    assertEquals(2, as(c, "doc", "get", ws, putBig.line("document"), "-o",
        c.home().getParent().resolve("x").toString()).code());

    // A removes B; the next document is sealed under an epoch B never receives.
    Cli.Run removed = ok(as(a, "workspace", "remove", ws, b.handle()));
    assertEquals("1", removed.line("keyWraps"));
    Cli.Run secret = ok(as(a, "doc", "put", ws, file("after.txt", random(1000)).toString(),
        "--title", "After removal"));
    assertEquals(2, as(b, "doc", "list", ws).code(), "the server refuses B");

    // A malicious server serves B anyway: B's client has no key for the new epoch.
    cli.update("INSERT INTO workspace_members (workspace_id, account_id, role, first_epoch)"
        + " SELECT workspace_id, ?, 2, 1 FROM workspace_members WHERE workspace_id = ?"
        + " LIMIT 1", accountId(b), hex(ws));
    Path leaked = b.home().getParent().resolve("after.out");
    Cli.Run stolen = as(b, "doc", "get", ws, secret.line("document"), "-o", leaked.toString());
    assertNotEquals(0, stolen.code(), stolen.toString());
    assertTrue(stolen.err().contains("epoch"), stolen.err());
    assertFalse(Files.exists(leaked));
  }

  @Test
  void newVersions_nameTheirParent_andAStaleParentIs409() throws Exception {
    Shared s = shared();
    byte[] first = random(3000);
    byte[] second = random(4000);
    String doc = ok(as(s.a(), "doc", "put", s.ws(), file("draft.txt", first).toString(),
        "--title", "Submission draft")).line("document");
    Cli.Run v2 = ok(as(s.b(), "doc", "put", s.ws(), file("draft2.txt", second).toString(),
        "--update", "Submission draft"));
    assertEquals(doc, v2.line("document"));
    assertEquals("2", v2.line("version"));
    Cli.Run versions = ok(as(s.a(), "doc", "versions", s.ws(), doc));
    assertTrue(versions.out().contains("v1  Submission draft")
        && versions.out().contains("v2  Submission draft"), versions.out());
    Path latest = s.a().home().getParent().resolve("latest.txt");
    ok(as(s.a(), "doc", "get", s.ws(), doc, "-o", latest.toString()));
    assertArrayEquals(second, Files.readAllBytes(latest));
    Path older = s.a().home().getParent().resolve("older.txt");
    ok(as(s.a(), "doc", "get", s.ws(), doc, "--version", "1", "-o", older.toString()));
    assertArrayEquals(first, Files.readAllBytes(older));

    // A second version 2, signed by A, based on version 1: its parent is stale.
    byte[] manifest = cli.bytes("SELECT manifest FROM document_versions WHERE document_id = ?"
        + " AND version = 1", hex(doc));
    byte[] metadata = cli.bytes("SELECT metadata FROM document_versions WHERE document_id = ?"
        + " AND version = 1", hex(doc));
    byte[][] stale = Forgery.resignAsVersion(manifest, 2, s.a().home());
    String token = Files.readString(s.a().home().resolve("session")).strip();
    HttpResponse<String> conflict = server.send(server.request("api/v1/workspaces/" + s.ws()
        + "/documents/" + doc + "/versions")
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"manifest\":\"" + b64(stale[0])
            + "\",\"signature\":\"" + b64(stale[1]) + "\",\"metadata\":\""
            + b64(metadata) + "\"}")).build());
    assertEquals(409, conflict.statusCode(), conflict.body());
    assertTrue(conflict.body().contains("not the current one"), conflict.body());
  }

  @Test
  void put_stripsMetadata_andKeepsTheOriginalOnRequest() throws Exception {
    Shared s = shared();
    String canary = Cli.unique("gps-lat-");
    byte[] jpeg = jpegWithMetadata(canary);
    Path photo = file("checkpoint.jpg", jpeg);
    Cli.Run put = ok(as(s.a(), "doc", "put", s.ws(), photo.toString(), "--keep-original"));
    assertEquals("image/jpeg", put.line("type"));
    assertTrue(put.line("removedMetadata").contains("XMP"), put.out());
    Path stripped = s.b().home().getParent().resolve("stripped.jpg");
    ok(as(s.b(), "doc", "get", s.ws(), put.line("document"), "-o", stripped.toString()));
    byte[] got = Files.readAllBytes(stripped);
    assertFalse(new String(got, java.nio.charset.StandardCharsets.ISO_8859_1).contains(canary));
    assertTrue(javax.imageio.ImageIO.read(stripped.toFile()) != null, "still an image");
    Path original = s.b().home().getParent().resolve("original.jpg");
    ok(as(s.b(), "doc", "get", s.ws(), put.line("document"), "--original", "-o",
        original.toString()));
    assertArrayEquals(jpeg, Files.readAllBytes(original));
  }

  /** A small JPEG with an XMP packet and a comment that both carry {@code canary}. */
  private static byte[] jpegWithMetadata(String canary) throws Exception {
    var image = new java.awt.image.BufferedImage(32, 32,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    var out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "jpg", out);
    byte[] plain = out.toByteArray();
    byte[] xmp = ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
        + "<exif:GPSLatitude>" + canary + "</exif:GPSLatitude></x:xmpmeta>")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] comment = ("author " + canary).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    var jpeg = new java.io.ByteArrayOutputStream();
    jpeg.write(plain, 0, 2);
    segment(jpeg, 0xE1, xmp);
    segment(jpeg, 0xFE, comment);
    jpeg.write(plain, 2, plain.length - 2);
    return jpeg.toByteArray();
  }

  private static void segment(java.io.ByteArrayOutputStream out, int marker, byte[] body) {
    int length = body.length + 2;
    out.write(0xFF);
    out.write(marker);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.write(body, 0, body.length);
  }

  @Test
  void flippedByteOnDisk_getExits3_andWritesNothing() throws Exception {
    Shared s = shared();
    Cli.Run put = ok(as(s.a(), "doc", "put", s.ws(), file("report.pdf.bin", random(300_000))
        .toString()));
    String doc = put.line("document");
    String blob = cli.strings("SELECT p.blob_id FROM upload_parts p JOIN document_versions v"
        + " ON v.upload_id = p.upload_id WHERE v.document_id = ?", hex(doc)).get(0);
    Path stored = blobFile(blob);
    try (RandomAccessFile f = new RandomAccessFile(stored.toFile(), "rw")) {
      f.seek(100_000);
      int b = f.read();
      f.seek(100_000);
      f.write(b ^ 0x01);
    }
    Path target = s.b().home().getParent().resolve("report.out");
    Cli.Run got = as(s.b(), "doc", "get", s.ws(), doc, "-o", target.toString());
    assertIntegrityFailure(got, "not what its author sealed");
    assertFalse(Files.exists(target));
    try (var files = Files.list(target.getParent())) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".palermo-")));
    }
  }

  @Test
  void serverAddsUnsignedMember_class4() throws Exception {
    Shared s = shared();
    Person c = register("c");
    // The server appends an entry that C signed, inviting itself: no owner signed it.
    byte[] forged = org.palermo.server.client.Forgery.selfInvite(cli, s.ws(), c.home());
    cli.update("INSERT INTO membership_entries (workspace_id, sequence, entry) VALUES (?, ?, ?)",
        hex(s.ws()), org.palermo.server.client.Forgery.nextSequence(cli, s.ws()), forged);
    assertIntegrityFailure(as(s.a(), "workspace", "verify", s.ws()), "does not verify");
    assertIntegrityFailure(as(s.a(), "doc", "put", s.ws(), file("x.txt", random(10))
        .toString()), "does not verify");
  }

  @Test
  void rolledBackMembershipLog_class15() throws Exception {
    Shared s = shared();
    ok(as(s.a(), "workspace", "verify", s.ws()));
    long head = org.palermo.server.client.Forgery.nextSequence(cli, s.ws()) - 1;
    cli.update("DELETE FROM membership_entries WHERE workspace_id = ? AND sequence = ?",
        hex(s.ws()), head);
    assertIntegrityFailure(as(s.a(), "workspace", "verify", s.ws()), "rollback");
  }

  @Test
  void tamperedManifest_swappedBody_movedDocument_injected_rolledBack() throws Exception {
    Shared s = shared();
    String one = ok(as(s.a(), "doc", "put", s.ws(), file("one.txt", random(5000)).toString()))
        .line("document");
    String two = ok(as(s.a(), "doc", "put", s.ws(), file("two.txt", random(7000)).toString()))
        .line("document");
    ok(as(s.b(), "doc", "list", s.ws()));

    // Class 12: the stored manifest's size changed (signature no longer matches).
    byte[] manifest = cli.bytes("SELECT manifest FROM document_versions WHERE document_id = ?",
        hex(one));
    byte[] changed = manifest.clone();
    changed[changed.length - 1] ^= 0x01;
    cli.update("UPDATE document_versions SET manifest = ? WHERE document_id = ?", changed,
        hex(one));
    assertIntegrityFailure(as(s.b(), "doc", "list", s.ws()), "not signed by its author");
    cli.update("UPDATE document_versions SET manifest = ? WHERE document_id = ?", manifest,
        hex(one));
    ok(as(s.b(), "doc", "list", s.ws()));

    // Class 10: document two's sealed body served as document one's.
    String blobTwo = cli.strings("SELECT p.blob_id FROM upload_parts p JOIN document_versions v"
        + " ON v.upload_id = p.upload_id WHERE v.document_id = ?", hex(two)).get(0);
    cli.update("UPDATE upload_parts p JOIN document_versions v ON v.upload_id = p.upload_id"
        + " SET p.blob_id = ? WHERE v.document_id = ?", blobTwo, hex(one));
    Path target = s.b().home().getParent().resolve("one.out");
    assertIntegrityFailure(as(s.b(), "doc", "get", s.ws(), one, "-o", target.toString()),
        "not what its author sealed");
    assertFalse(Files.exists(target));

    // Class 10/11: document two's manifest served as document one's (and so under another id).
    byte[] manifestTwo = cli.bytes("SELECT manifest FROM document_versions"
        + " WHERE document_id = ?", hex(two));
    cli.update("UPDATE document_versions SET manifest = ? WHERE document_id = ?", manifestTwo,
        hex(one));
    assertIntegrityFailure(as(s.b(), "doc", "list", s.ws()), "under another name");
    cli.update("UPDATE document_versions SET manifest = ? WHERE document_id = ?", manifest,
        hex(one));

    // Class 15: a newer version exists (a removal); the server then serves the older as current.
    ok(as(s.a(), "doc", "rm", s.ws(), two));
    ok(as(s.b(), "doc", "versions", s.ws(), two));
    cli.update("DELETE FROM document_versions WHERE document_id = ? AND version = 2", hex(two));
    cli.update("UPDATE documents SET current_version = 1, deleted = FALSE WHERE id = ?",
        hex(two));
    assertIntegrityFailure(as(s.b(), "doc", "versions", s.ws(), two), "rollback");
  }

  @Test
  void injectedDocument_class13() throws Exception {
    Shared s = shared();
    String one = ok(as(s.a(), "doc", "put", s.ws(), file("real.txt", random(500)).toString()))
        .line("document");
    Person mallory = register("m");
    byte[] manifest = cli.bytes("SELECT manifest FROM document_versions WHERE document_id = ?",
        hex(one));
    String planted = Forgery.plantDocument(cli, s.ws(), one, manifest, mallory.home());
    assertIntegrityFailure(as(s.b(), "doc", "list", s.ws()), "injected");
    assertIntegrityFailure(as(s.b(), "doc", "versions", s.ws(), planted), "injected");
  }

  @Test
  void serverChosenEpochKey_class14() throws Exception {
    Shared s = shared();
    ok(as(s.a(), "doc", "put", s.ws(), file("k.txt", random(500)).toString()));
    ok(as(s.b(), "doc", "list", s.ws()));
    // The rekey entry carries the wrapped epoch keys: the server swaps bytes of one of them.
    long last = Forgery.nextSequence(cli, s.ws()) - 1;
    byte[] entry = cli.bytes("SELECT entry FROM membership_entries WHERE workspace_id = ?"
        + " AND sequence = ?", hex(s.ws()), last);
    byte[] changed = entry.clone();
    changed[changed.length - 64 - 20] ^= 0x01;
    cli.update("UPDATE membership_entries SET entry = ? WHERE workspace_id = ? AND sequence = ?",
        changed, hex(s.ws()), last);
    assertIntegrityFailure(as(s.b(), "doc", "list", s.ws()), "does not verify");
  }

  @Test
  void swappedPublishedKey_isRefusedBeforeAnyWrap_class3() throws Exception {
    Person a = register("a");
    Person b = register("b");
    String ws = ok(as(a, "workspace", "create", "Keys")).line("workspace");
    ok(as(a, "account", "fingerprint", b.handle()));
    Person mallory = register("m");
    // The server now serves Mallory's keys under B's handle.
    byte[] key = cli.bytes("SELECT signing_key FROM accounts WHERE handle = ?",
        mallory.handle());
    byte[] agreement = cli.bytes("SELECT agreement_key FROM accounts WHERE handle = ?",
        mallory.handle());
    byte[] original = cli.bytes("SELECT signing_key FROM accounts WHERE handle = ?", b.handle());
    byte[] originalAgreement = cli.bytes("SELECT agreement_key FROM accounts WHERE handle = ?",
        b.handle());
    cli.update("UPDATE accounts SET signing_key = ?, agreement_key = ? WHERE handle = ?", key,
        agreement, b.handle());
    try {
      assertIntegrityFailure(as(a, "workspace", "invite", ws, b.handle(), "--role", "viewer"),
          "other keys");
    } finally {
      cli.update("UPDATE accounts SET signing_key = ?, agreement_key = ? WHERE handle = ?",
          original, originalAgreement, b.handle());
    }
  }

  @Test
  void replayedUploadAndEntry_areRefused_class18() throws Exception {
    Shared s = shared();
    String doc = ok(as(s.a(), "doc", "put", s.ws(), file("r.txt", random(100)).toString()))
        .line("document");
    byte[] manifest = cli.bytes("SELECT manifest FROM document_versions WHERE document_id = ?",
        hex(doc));
    byte[] signature = cli.bytes("SELECT signature FROM document_versions"
        + " WHERE document_id = ?", hex(doc));
    byte[] metadata = cli.bytes("SELECT metadata FROM document_versions WHERE document_id = ?",
        hex(doc));
    String token = Files.readString(s.a().home().resolve("session")).strip();
    HttpResponse<String> replay = server.send(server.request("api/v1/workspaces/" + s.ws()
        + "/documents/" + doc + "/versions")
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"manifest\":\"" + b64(manifest)
            + "\",\"signature\":\"" + b64(signature) + "\",\"metadata\":\"" + b64(metadata)
            + "\"}")).build());
    assertEquals(409, replay.statusCode(), replay.body());

    byte[] entry = cli.bytes("SELECT entry FROM membership_entries WHERE workspace_id = ?"
        + " ORDER BY sequence DESC LIMIT 1", hex(s.ws()));
    HttpResponse<String> again = server.send(server.request("api/v1/workspaces/" + s.ws()
        + "/membership").header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"entry\":\"" + b64(entry) + "\"}"))
        .build());
    assertEquals(409, again.statusCode(), again.body());
  }

  private static Path blobFile(String blob) throws Exception {
    Path root = ((BlobStoreSettings.Local) server.config().blobStore()).root();
    BlobId.parse(blob);
    try (var files = Files.walk(root)) {
      List<Path> found = files.filter(p -> p.getFileName().toString().equals(blob)).toList();
      assertEquals(1, found.size(), "blob file " + blob);
      return found.get(0);
    }
  }

  private static byte[] accountId(Person p) {
    return cli.bytes("SELECT id FROM accounts WHERE handle = ?", p.handle());
  }

  static byte[] hex(String id) {
    return java.util.HexFormat.of().parseHex(id);
  }

  static String b64(byte[] bytes) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
