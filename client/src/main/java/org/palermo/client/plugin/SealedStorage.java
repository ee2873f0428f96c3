package org.palermo.client.plugin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;
import org.palermo.client.ClientException;
import org.palermo.client.document.DocumentClient;
import org.palermo.client.document.DocumentClient.Metadata;
import org.palermo.client.document.DocumentClient.Verified;
import org.palermo.client.home.Home;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.ManifestKind;
import org.palermo.text.Text;

/**
 * Sealed storage for a plugin's client code (the {@code sealed-storage} capability): what a
 * plugin must keep secret (notes, comments, answers) is sealed here, on a member's machine, and
 * stored as an ordinary document of the workspace through {@link DocumentClient}, exactly as
 * {@code palermo doc put} stores a file: content and metadata sealed under a fresh document key
 * (Cobblestone), that key wrapped under the workspace's epoch key, a manifest signed by the
 * member, every version checked on the way back as {@code palermo doc get} checks it. Only the
 * workspace's members can open an item; the plugin's server side keeps its {@link SealedRef}.
 *
 * <p>An item belongs to a plugin through its <em>sealed</em> metadata: its kind is
 * {@code plugin:<id>} (beside {@code evidence}, {@code submission}, {@code comment}...) and its
 * title is the item's name. {@link #get}, {@link #update} and {@link #remove} refuse a document
 * that is not this plugin's; {@link #list} finds this plugin's items by opening the metadata of
 * the workspace's documents here.
 *
 * <p><b>What the server sees</b>: that a member of the workspace stored a document; its id,
 * version numbers, author account and device, epoch, times and the lengths of its sealed
 * content and sealed metadata (so roughly the length of the plaintext), and who reads it when.
 * The plugin's server side sees only what the plugin's own client code sends it (a
 * {@link SealedRef}) and, with {@code read-workspaces}, the same ids and versions.
 * <b>What it never sees</b>: the plaintext, the item's name, any key, and which plugin the item
 * belongs to (beyond the refs the plugin's client code chooses to send its server side). A
 * server that changes, swaps, truncates or replays what it stores is detected here, and the call
 * fails with a {@link ClientException} of exit code {@link ClientException#INTEGRITY}.
 *
 * <p>Items are held in memory, up to {@link #MAX_BYTES}; larger files are documents
 * ({@code palermo doc put}). Text that is valid UTF-8 is sealed as it is (so {@code palermo doc
 * get} shows it); other bytes are sealed as their Base64 text, which the sealed file name says;
 * {@link #get} gives back the exact bytes either way. Readers of the workspace may {@link #get}
 * and {@link #list}; adding and changing items needs a member who writes documents (editor,
 * contributor on its own items, owner).
 */
public final class SealedStorage {
  /** The largest item, in bytes of plaintext: items are held whole in memory. */
  public static final long MAX_BYTES = 16L * 1024 * 1024;
  /** The longest item name, in characters. */
  public static final int MAX_NAME = 256;
  /** The sealed kind of a plugin's items is this prefix and the plugin's id. */
  public static final String KIND_PREFIX = "plugin:";

  /** The sealed file name of an item whose content is its plaintext (UTF-8 text). */
  static final String TEXT_FILE = "sealed-item.txt";
  /** The sealed file name of an item whose content is its plaintext's Base64 text. */
  static final String BASE64_FILE = "sealed-item.base64";
  /** What the Base64 text of {@link #MAX_BYTES} bytes takes. */
  private static final long MAX_BASE64 = (MAX_BYTES + 2) / 3 * 4;
  /** As the plugin descriptor's {@code id}. */
  private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

  private final DocumentClient documents;
  private final Home home;
  private final WorkspaceId workspace;
  private final String pluginId;
  private final String kind;

  /**
   * The sealed items of plugin {@code pluginId} in {@code workspace}, through a member's
   * document client; {@code home} gives the owner-only scratch folder where an item is opened
   * before it is read into memory (and deleted at once).
   */
  public SealedStorage(DocumentClient documents, Home home, WorkspaceId workspace,
      String pluginId) {
    this.documents = Objects.requireNonNull(documents, "documents");
    this.home = Objects.requireNonNull(home, "home");
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    if (pluginId == null || !PLUGIN_ID.matcher(pluginId).matches()) {
      throw ClientException.usage(Text.of("plugin.not-a-plugin-id", pluginId));
    }
    this.pluginId = pluginId;
    this.kind = KIND_PREFIX + pluginId;
  }

  /** As the constructor. */
  public static SealedStorage of(DocumentClient documents, Home home, WorkspaceId workspace,
      String pluginId) {
    return new SealedStorage(documents, home, workspace, pluginId);
  }

  public WorkspaceId workspace() {
    return workspace;
  }

  public String pluginId() {
    return pluginId;
  }

  /** Seals {@code plaintext} as a new item named {@code name}; returns its version 1. */
  public SealedRef put(String name, byte[] plaintext) {
    requireName(name);
    Encoded encoded = encode(plaintext);
    DocumentClient.Put put = documents.putText(workspace, Optional.empty(), OptionalLong.empty(),
        encoded.fileName(), encoded.text(), name, kind, null);
    return new SealedRef(put.document().toString(), put.version());
  }

  /**
   * Seals {@code plaintext} as the version after {@code ref}, under the same name. If another
   * version came after {@code ref} first, nothing is stored and the server's refusal is thrown
   * ({@link ClientException#status()} 409): read the newest version and update that.
   */
  public SealedRef update(SealedRef ref, byte[] plaintext) {
    DocumentId document = parse(ref.documentId());
    Encoded encoded = encode(plaintext);
    Verified base = documents.versions(workspace, document).stream()
        .filter(v -> v.manifest().version() == ref.version()).findFirst()
        .orElseThrow(() -> ClientException.refused(Text.of("plugin.no-such-version", document,
            ref.version())));
    Metadata metadata = requireOurs(base);
    DocumentClient.Put put = documents.putText(workspace, Optional.of(document),
        OptionalLong.of(ref.version()), encoded.fileName(), encoded.text(), metadata.title(),
        kind, null);
    return new SealedRef(put.document().toString(), put.version());
  }

  /** The current version of an item of this plugin, opened and verified on this machine. */
  public byte[] get(String documentId) {
    return read(parse(documentId), Optional.empty());
  }

  /** That version of an item of this plugin, opened and verified on this machine. */
  public byte[] get(SealedRef ref) {
    return read(parse(ref.documentId()), Optional.of(ref.version()));
  }

  /**
   * This plugin's items in the workspace (current versions, removed ones left out): every
   * current document of the workspace is verified and its metadata opened here, so this costs
   * as much as {@code palermo doc list}.
   */
  public List<SealedItem> list() {
    List<SealedItem> out = new ArrayList<>();
    for (Verified v : documents.list(workspace)) {
      Optional<Metadata> metadata = v.metadata();
      if (v.manifest().kind() == ManifestKind.TOMBSTONE || metadata.isEmpty()
          || !kind.equals(metadata.get().kind())) {
        continue;
      }
      DocumentManifest m = v.manifest();
      out.add(new SealedItem(new SealedRef(m.document().toString(), m.version()),
          metadata.get().title(), m.author(), java.time.Instant.ofEpochSecond(m.createdAt())));
    }
    return out;
  }

  /**
   * Removes an item of this plugin: a signed tombstone as its next version (its earlier
   * versions stay readable by their number). Returns the tombstone's version.
   */
  public long remove(String documentId) {
    DocumentId document = parse(documentId);
    List<Verified> all = documents.versions(workspace, document);
    requireOurs(all.get(all.size() - 1));
    return documents.remove(workspace, document);
  }

  private byte[] read(DocumentId document, Optional<Long> version) {
    Path target = home.scratch().resolve("sealed-" + UUID.randomUUID());
    try {
      // The version is checked (this plugin's, of a size held in memory) once its manifest and
      // metadata verified, before any content is fetched.
      Verified chosen = documents.get(workspace, document, version, false, v -> {
        Metadata metadata = requireOurs(v);
        long limit = BASE64_FILE.equals(metadata.fileName()) ? MAX_BASE64 : MAX_BYTES;
        if (v.manifest().contentLength() > limit) {
          throw ClientException.refused(Text.of("plugin.item-too-large-to-read", document,
              v.manifest().contentLength(), MAX_BYTES / (1024 * 1024)));
        }
        return target;
      }, DocumentClient.Progress.NONE);
      byte[] content = Files.readAllBytes(target);
      return decode(chosen, content);
    } catch (IOException e) {
      throw ClientException.usage(Text.of("plugin.cannot-read", target, e.getMessage()));
    } finally {
      try {
        Files.deleteIfExists(target);
      } catch (IOException e) {
        // best effort: the scratch folder is owner-only
      }
    }
  }

  /** The verified version's metadata, if it is a version of an item of this plugin. */
  private Metadata requireOurs(Verified v) {
    DocumentManifest m = v.manifest();
    if (m.kind() == ManifestKind.TOMBSTONE || v.metadata().isEmpty()) {
      throw ClientException.refused(Text.of("plugin.item-removed", m.document(), m.version()));
    }
    Metadata metadata = v.metadata().get();
    if (!kind.equals(metadata.kind())) {
      throw ClientException.refused(Text.of("plugin.not-this-plugins-item", m.document(),
          m.version(), pluginId));
    }
    if (!TEXT_FILE.equals(metadata.fileName()) && !BASE64_FILE.equals(metadata.fileName())) {
      throw ClientException.refused(Text.of("plugin.unknown-encoding", m.document(),
          m.version()));
    }
    return metadata;
  }

  private byte[] decode(Verified v, byte[] content) {
    if (TEXT_FILE.equals(v.metadata().orElseThrow().fileName())) {
      return content;
    }
    try {
      return Base64.getDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      // Authentic (a member sealed it), yet not what this class writes.
      throw ClientException.refused(Text.of("plugin.not-base64", v.manifest().document(),
          v.manifest().version()));
    }
  }

  /** An item's content as sealed: its plaintext if UTF-8 text, its Base64 text otherwise. */
  private record Encoded(String fileName, String text) {}

  private static Encoded encode(byte[] plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    if (plaintext.length > MAX_BYTES) {
      throw ClientException.usage(Text.of("plugin.item-too-large", MAX_BYTES / (1024 * 1024),
          plaintext.length));
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(plaintext)).toString();
      return new Encoded(TEXT_FILE, text);
    } catch (CharacterCodingException e) {
      return new Encoded(BASE64_FILE, Base64.getEncoder().encodeToString(plaintext));
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw ClientException.usage(Text.of("plugin.name-missing"));
    }
    if (name.length() > MAX_NAME) {
      throw ClientException.usage(Text.of("plugin.name-too-long", MAX_NAME));
    }
  }

  private static DocumentId parse(String documentId) {
    try {
      return DocumentId.parse(Objects.requireNonNull(documentId, "documentId"));
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(Text.of("plugin.not-a-document-id", documentId));
    }
  }
}
