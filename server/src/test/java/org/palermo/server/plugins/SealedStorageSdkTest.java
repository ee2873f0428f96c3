package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.audit.AuditClient;
import org.palermo.client.document.DocumentClient;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.http.ServerTrust;
import org.palermo.client.plugin.SealedItem;
import org.palermo.client.plugin.SealedRef;
import org.palermo.client.plugin.SealedStorage;
import org.palermo.client.strip.MetadataStripper;
import org.palermo.client.workspace.WorkspaceClient;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.server.config.BlobStoreSettings;
import org.palermo.server.config.DatabaseSettings;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.TestServer;

/**
 * The plugin SDK's sealed storage ({@link SealedStorage}) against the real server over HTTPS:
 * two members put, read and update a plugin's items; an outsider, another plugin and an
 * ordinary document are refused; the server's database rows and blob files hold neither the
 * plaintext, nor the item's name, nor which plugin it belongs to; a server that changes the
 * stored content or metadata is caught.
 */
class SealedStorageSdkTest {
  private static final String PLUGIN = "notes";

  private static TestServer server;
  private static Cli cli;
  private static Person owner;
  private static Person editor;
  private static Person outsider;
  private static final Map<Person, DocumentClient> clients = new HashMap<>();

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer::manyPeople, Clock.systemUTC(), rc -> { });
    cli = new Cli(server);
    owner = cli.register("ow");
    editor = cli.register("ed");
    outsider = cli.register("out");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void twoMembers_putGetUpdateAndList_textAndBinary() {
    String ws = workspace();
    SealedStorage mine = storage(owner, ws, PLUGIN);
    SealedStorage theirs = storage(editor, ws, PLUGIN);

    byte[] note = "Meeting with the focal point: ask about article 32.\n"
        .getBytes(StandardCharsets.UTF_8);
    SealedRef first = mine.put("Visit notes", note);
    assertEquals(1, first.version());
    assertArrayEquals(note, theirs.get(first.documentId()));

    byte[] edited = "Meeting with the focal point: article 32 and 33. — é ✓\n"
        .getBytes(StandardCharsets.UTF_8);
    SealedRef second = theirs.update(first, edited);
    assertEquals(new SealedRef(first.documentId(), 2), second);
    assertArrayEquals(edited, mine.get(first.documentId()), "the newest version");
    assertArrayEquals(note, mine.get(first), "version 1, by its number");

    // A second update from version 1 lost the race: the server's 409, nothing stored.
    ClientException late = assertThrows(ClientException.class,
        () -> mine.update(first, "late".getBytes(StandardCharsets.UTF_8)));
    assertEquals(409, late.status(), late.getMessage());

    // Bytes that are not UTF-8 (sealed as their Base64 text) and nothing at all.
    byte[] scan = random(100_000);
    scan[0] = (byte) 0xff;
    SealedRef binary = theirs.put("Scan", scan);
    assertArrayEquals(scan, mine.get(binary.documentId()));
    SealedRef empty = mine.put("Empty", new byte[0]);
    assertArrayEquals(new byte[0], theirs.get(empty.documentId()));

    List<SealedItem> items = theirs.list();
    assertEquals(Map.of(first.documentId(), "Visit notes", binary.documentId(), "Scan",
        empty.documentId(), "Empty"), names(items));
    SealedItem visit = items.stream().filter(i -> i.ref().equals(second)).findFirst()
        .orElseThrow(() -> new AssertionError("no current version 2 in " + items));
    assertEquals(editorAccount(), visit.author().toString());

    assertEquals(2, mine.remove(empty.documentId()));
    assertEquals(2, theirs.list().size(), "a removed item is no longer listed");
    assertRefused(() -> theirs.get(empty.documentId()), "was removed");
  }

  @Test
  void outsider_otherPlugin_ordinaryDocument_andTooLarge_areRefused() throws Exception {
    String ws = workspace();
    SealedStorage notes = storage(owner, ws, PLUGIN);
    SealedRef ref = notes.put("Secret", "only members".getBytes(StandardCharsets.UTF_8));

    // Not a member: the server does not hand over the log nor the ciphertext.
    SealedStorage outside = storage(outsider, ws, PLUGIN);
    ClientException refused = assertThrows(ClientException.class,
        () -> outside.get(ref.documentId()));
    assertEquals(ClientException.REFUSED, refused.exitCode(), refused.getMessage());
    assertEquals(ClientException.REFUSED,
        assertThrows(ClientException.class, outside::list).exitCode());

    // Another plugin's item, and this plugin's item seen from the other plugin.
    SealedStorage other = storage(editor, ws, "other-plugin");
    SealedRef theirs = other.put("Theirs", "other".getBytes(StandardCharsets.UTF_8));
    assertRefused(() -> notes.get(theirs.documentId()), "is not an item of plugin 'notes'");
    assertRefused(() -> notes.update(theirs, new byte[1]), "is not an item of plugin 'notes'");
    assertRefused(() -> notes.remove(theirs.documentId()), "is not an item of plugin 'notes'");
    assertRefused(() -> other.get(ref.documentId()), "is not an item of plugin 'other-plugin'");
    assertEquals(List.of(ref.documentId()),
        notes.list().stream().map(i -> i.ref().documentId()).toList());
    assertEquals(List.of(theirs.documentId()),
        other.list().stream().map(i -> i.ref().documentId()).toList());

    // An ordinary document of the workspace (palermo doc put) is no plugin's item either.
    Path file = owner.home().getParent().resolve("evidence-" + Cli.unique("e") + ".txt");
    Files.writeString(file, "evidence");
    String doc = ok(cli.as(owner, "doc", "put", ws, file.toString())).line("document");
    assertRefused(() -> notes.get(doc), "is not an item of plugin 'notes'");
    assertEquals(1, notes.list().size());

    ClientException large = assertThrows(ClientException.class,
        () -> notes.put("Large", new byte[(int) SealedStorage.MAX_BYTES + 1]));
    assertEquals(ClientException.USAGE, large.exitCode());
    assertTrue(large.getMessage().contains("at most 16 MiB"), large.getMessage());
    assertEquals(ClientException.USAGE, assertThrows(ClientException.class,
        () -> storage(owner, ws, "Not An Id")).exitCode());
  }

  @Test
  void theServer_storesNoPlaintext_noName_andNotWhichPlugin() throws Exception {
    String ws = workspace();
    SealedStorage notes = storage(owner, ws, "canary-plugin");
    String textCanary = canary();
    String nameCanary = canary();
    byte[] binary = random(50_000);
    binary[0] = (byte) 0xff; // not UTF-8: sealed as Base64 text
    SealedRef text = notes.put("Name " + nameCanary, ("The informant is " + textCanary + ".")
        .getBytes(StandardCharsets.UTF_8));
    SealedRef bytes = notes.put("Binary " + nameCanary, binary);
    SealedRef updated = storage(editor, ws, "canary-plugin").update(text,
        ("Still " + textCanary).getBytes(StandardCharsets.UTF_8));
    assertTrue(notes.get(updated).length > 0);

    Map<String, byte[]> needles = new LinkedHashMap<>();
    for (Map.Entry<String, String> secret : Map.of("plaintext", textCanary, "name", nameCanary,
        "plugin mark", "plugin:canary-plugin").entrySet()) {
      forms(secret.getKey(), secret.getValue().getBytes(StandardCharsets.UTF_8), needles);
    }
    forms("binary plaintext", java.util.Arrays.copyOfRange(binary, 1000, 1032), needles);

    Map<String, byte[]> stored = new LinkedHashMap<>(databaseRows());
    Path root = ((BlobStoreSettings.Local) server.config().blobStore()).root();
    try (var files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        stored.put("blob " + root.relativize(f), Files.readAllBytes(f));
      }
    }
    // The search reaches what it must: the documents' rows, text columns, the sealed bytes.
    byte[] documentId = HexFormat.of().parseHex(bytes.documentId());
    assertTrue(stored.entrySet().stream().anyMatch(e -> e.getKey().startsWith("table "
        + "document_versions") && indexOf(e.getValue(), documentId) >= 0), "rows searched");
    byte[] handle = owner.handle().getBytes(StandardCharsets.UTF_8);
    assertTrue(stored.entrySet().stream().anyMatch(e -> e.getKey().startsWith("table accounts")
        && indexOf(e.getValue(), handle) >= 0), "text columns searched");
    long blobBytes = stored.entrySet().stream().filter(e -> e.getKey().startsWith("blob "))
        .mapToLong(e -> e.getValue().length).sum();
    assertTrue(blobBytes > binary.length * 4L / 3, "blobs searched: " + blobBytes + " bytes");

    List<String> hits = new ArrayList<>();
    stored.forEach((where, haystack) -> needles.forEach((what, needle) -> {
      if (indexOf(haystack, needle) >= 0) {
        hits.add(what + " in " + where);
      }
    }));
    assertEquals(List.of(), hits);
  }

  @Test
  void aServerThatChangesStoredContentOrMetadata_isCaught() throws Exception {
    String ws = workspace();
    SealedStorage notes = storage(owner, ws, PLUGIN);
    SealedStorage reader = storage(editor, ws, PLUGIN);
    SealedRef body = notes.put("Body", ("A long enough note to flip a byte in. ".repeat(20))
        .getBytes(StandardCharsets.UTF_8));
    assertTrue(reader.get(body.documentId()).length > 0);

    // One byte of the sealed content, flipped on disk.
    String blob = cli.strings("SELECT p.blob_id FROM upload_parts p JOIN document_versions v"
        + " ON v.upload_id = p.upload_id WHERE v.document_id = ? AND p.stream = 1",
        hex(body.documentId())).get(0);
    Path stored = blobFile(blob);
    try (RandomAccessFile f = new RandomAccessFile(stored.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
    assertIntegrity(() -> reader.get(body.documentId()), "not what its author sealed");
    Path scratch = editor.home().resolve("tmp");
    try (var left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList(), "no plaintext or partial file left behind");
    }

    // One byte of the sealed metadata (which holds the name and the plugin mark), in the row.
    SealedRef named = notes.put("Named", "metadata".getBytes(StandardCharsets.UTF_8));
    byte[] metadata = cli.bytes("SELECT metadata FROM document_versions WHERE document_id = ?",
        hex(named.documentId()));
    byte[] changed = metadata.clone();
    changed[changed.length - 20] ^= 0x01;
    cli.update("UPDATE document_versions SET metadata = ? WHERE document_id = ?", changed,
        hex(named.documentId()));
    assertIntegrity(() -> reader.get(named.documentId()), "metadata of document");
    assertIntegrity(reader::list, "metadata of document");

    // Another item's sealed content (of the same length) served as this one's: it is bound to
    // its own document, so it does not open as this one.
    cli.update("UPDATE document_versions SET metadata = ? WHERE document_id = ?", metadata,
        hex(named.documentId()));
    assertArrayEquals("metadata".getBytes(StandardCharsets.UTF_8),
        reader.get(named.documentId()));
    SealedRef third = notes.put("Third", "swapped!".getBytes(StandardCharsets.UTF_8));
    String thirdBlob = cli.strings("SELECT p.blob_id FROM upload_parts p JOIN document_versions v"
        + " ON v.upload_id = p.upload_id WHERE v.document_id = ? AND p.stream = 1",
        hex(third.documentId())).get(0);
    cli.update("UPDATE upload_parts p JOIN document_versions v ON v.upload_id = p.upload_id"
        + " SET p.blob_id = ? WHERE v.document_id = ?", thirdBlob, hex(named.documentId()));
    assertIntegrity(() -> reader.get(named.documentId()), "not what its author sealed");
  }

  /** A new workspace of the owner, with the editor as a member. */
  private static String workspace() {
    String ws = ok(cli.as(owner, "workspace", "create", "Plugin " + Cli.unique("w")))
        .line("workspace");
    String invitation = ok(cli.as(owner, "workspace", "invite", ws, editor.handle(), "--role",
        "editor")).line("invitation");
    ok(cli.as(editor, "workspace", "accept", invitation));
    return ws;
  }

  /** The SDK as a plugin's client code makes it: a member's document client, keys open. */
  private static SealedStorage storage(Person person, String ws, String plugin) {
    DocumentClient documents = clients.computeIfAbsent(person, p -> {
      Home home = new Home(p.home());
      PalermoHttp http = new PalermoHttp(server.server().baseUri(), ServerTrust.pinned(
          ServerTrust.parseFingerprint(server.server().tls().sha256Fingerprint())));
      http.useToken(home.requireSession());
      AccountClient accounts = new AccountClient(http, home);
      IdentityKeys keys = accounts.unlock(Cli.PASSPHRASE.toCharArray());
      WorkspaceClient workspaces = new WorkspaceClient(http, home, keys, accounts);
      return new DocumentClient(http, home, workspaces, new MetadataStripper(),
          new AuditClient(http, home, workspaces, Clock.systemUTC()), Clock.systemUTC());
    });
    return SealedStorage.of(documents, new Home(person.home()), WorkspaceId.parse(ws), plugin);
  }

  private static String editorAccount() {
    return HexFormat.of().formatHex(cli.bytes("SELECT id FROM accounts WHERE handle = ?",
        editor.handle()));
  }

  private static Map<String, String> names(List<SealedItem> items) {
    Map<String, String> out = new HashMap<>();
    items.forEach(i -> out.put(i.ref().documentId(), i.name()));
    return out;
  }

  private static void assertRefused(Executable call, String message) {
    ClientException e = assertThrows(ClientException.class, call);
    assertEquals(ClientException.REFUSED, e.exitCode(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static void assertIntegrity(Executable call, String message) {
    ClientException e = assertThrows(ClientException.class, call);
    assertEquals(ClientException.INTEGRITY, e.exitCode(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  /**
   * Every row of every table of the server's schema, each column's bytes one after the other
   * (as a dump would hold them), keyed "table NAME #ROW".
   */
  private static Map<String, byte[]> databaseRows() throws Exception {
    DatabaseSettings db = server.config().database().orElseThrow();
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT table_name FROM"
          + " information_schema.tables WHERE table_schema = DATABASE()");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertTrue(tables.contains("document_versions"), tables.toString());
      for (String table : tables) {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM `" + table + "`");
            ResultSet rs = s.executeQuery()) {
          int columns = rs.getMetaData().getColumnCount();
          int row = 0;
          while (rs.next()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 1; i <= columns; i++) {
              byte[] value = switch (rs.getMetaData().getColumnType(i)) {
                case java.sql.Types.BINARY, java.sql.Types.VARBINARY,
                    java.sql.Types.LONGVARBINARY, java.sql.Types.BLOB -> rs.getBytes(i);
                default -> rs.getString(i) == null ? null
                    : rs.getString(i).getBytes(StandardCharsets.UTF_8);
              };
              if (value != null) {
                bytes.write(value);
                bytes.write(0);
              }
            }
            out.put("table " + table + " #" + row++, bytes.toByteArray());
          }
        }
      }
    }
    return out;
  }

  /** A secret as UTF-8, hex, and Base64 (standard and URL-safe) at each alignment. */
  private static void forms(String what, byte[] secret, Map<String, byte[]> out) {
    out.put(what + " (raw)", secret);
    out.put(what + " (hex)", ascii(HexFormat.of().formatHex(secret)));
    out.put(what + " (HEX)", ascii(HexFormat.of().formatHex(secret).toUpperCase(Locale.ROOT)));
    for (int shift = 0; shift < 3; shift++) {
      out.put(what + " (base64+" + shift + ")", ascii(stableBase64(Base64.getEncoder(), secret,
          shift)));
      out.put(what + " (base64url+" + shift + ")", ascii(stableBase64(Base64.getUrlEncoder(),
          secret, shift)));
    }
  }

  /** The Base64 characters of {@code secret} after {@code shift} other bytes that it alone sets. */
  private static String stableBase64(Base64.Encoder encoder, byte[] secret, int shift) {
    byte[] shifted = new byte[shift + secret.length];
    System.arraycopy(secret, 0, shifted, shift, secret.length);
    String encoded = encoder.withoutPadding().encodeToString(shifted);
    return encoded.substring(shift == 0 ? 0 : 4, shifted.length / 3 * 4);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static Path blobFile(String blob) throws Exception {
    Path root = ((BlobStoreSettings.Local) server.config().blobStore()).root();
    try (var files = Files.walk(root)) {
      List<Path> found = files.filter(p -> p.getFileName().toString().equals(blob)).toList();
      assertEquals(1, found.size(), "blob file " + blob);
      return found.get(0);
    }
  }

  private static String canary() {
    return HexFormat.of().formatHex(random(12));
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] hex(String id) {
    return HexFormat.of().parseHex(id);
  }
}
