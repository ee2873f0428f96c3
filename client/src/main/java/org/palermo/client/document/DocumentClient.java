package org.palermo.client.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.palermo.client.ClientException;
import org.palermo.client.audit.AuditClient;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.i18n.ClientText;
import org.palermo.client.strip.FileKind;
import org.palermo.client.strip.MetadataStripper;
import org.palermo.client.strip.StripException;
import org.palermo.client.strip.StripReport;
import org.palermo.client.workspace.WorkspaceClient;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.ManifestKind;
import org.palermo.security.manifest.SealedPart;
import org.palermo.security.membership.MembershipChange;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.membership.Role;
import org.palermo.security.seal.ContentSeal;
import org.palermo.security.seal.SealContext;
import org.palermo.security.seal.SealedContentException;
import org.palermo.security.wrap.DocumentKeyWrap;
import org.palermo.security.wrap.KeyUnwrapException;
import org.palermo.text.Text;

/**
 * Documents from a member's side: everything is sealed and signed here before it leaves, and
 * checked here after it arrives, against the membership log the workspace client verified.
 * The server sees sizes, times and ids; never a title, a file name, a tag or a byte of content.
 */
public final class DocumentClient {
  /** Bytes sent per request; a dropped connection resumes from what the server has. */
  static final long RUN_BYTES = 256L * 1024 * 1024;
  /** Retries of a transfer step after a network failure (back-off 1, 2, 4, then 8 s). */
  private static final int RETRIES = 8;
  /** Documents per list request: small pages keep each request short on a busy server. */
  static final int PAGE = 200;
  private static final ObjectMapper JSON = PalermoHttp.json();

  private final PalermoHttp http;
  private final Home home;
  private final WorkspaceClient workspaces;
  private final MetadataStripper stripper;
  private final AuditClient audit;
  private final Clock clock;

  /** {@code audit} records each version put or removed in the workspace's audit log. */
  public DocumentClient(PalermoHttp http, Home home, WorkspaceClient workspaces,
      MetadataStripper stripper, AuditClient audit, Clock clock) {
    this.http = http;
    this.home = home;
    this.audit = audit;
    this.workspaces = workspaces;
    this.stripper = stripper;
    this.clock = clock;
  }

  /** Told how far a transfer has come. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);

    Progress NONE = (done, total) -> { };
  }

  /**
   * What the sealed metadata of a version holds. {@code removed} says in English what the
   * metadata stripping removed: it is sealed data, read by members in any language.
   */
  public record Metadata(String title, String fileName, String mediaType, List<String> tags,
      List<String> removed, boolean original, String kind, Anchor on) {
    /** What the document is: evidence (a file; the default), submission, comment, sign-off. */
    public String kindOrEvidence() {
      return kind == null ? EVIDENCE : kind;
    }
  }

  /** What a comment or a sign-off is about: a version of another document. */
  public record Anchor(String document, long version) {}

  /** The kinds of document, as sealed in their metadata (the server never sees them). */
  public static final String EVIDENCE = "evidence";
  public static final String SUBMISSION = "submission";
  public static final String COMMENT = "comment";
  public static final String SIGN_OFF = "sign-off";

  /** A version whose manifest verified, with what the caller may open of it. */
  public record Verified(DocumentManifest manifest, Identity author, Optional<Metadata> metadata,
      Optional<SymmetricKey> key) {}

  /** What {@code put} did. */
  public record Put(DocumentId document, long version, StripReport stripped, long bytes,
      int rekeyWraps) {}

  public Put put(WorkspaceId workspace, Path file, Optional<String> title, List<String> tags,
      boolean keepOriginal, DisclosureLevel disclosure, Progress progress) {
    return put(workspace, Optional.empty(), file, title, tags, keepOriginal, disclosure,
        progress);
  }

  /**
   * Puts a file as a new document, or, with {@code update}, as the next version of that
   * document, naming its current version as parent (the server answers 409 if another version
   * came first). A new version keeps the current title and tags unless others are given.
   */
  public Put put(WorkspaceId workspace, Optional<DocumentId> update, Path file,
      Optional<String> title, List<String> tags, boolean keepOriginal,
      DisclosureLevel disclosure, Progress progress) {
    return put(workspace, update, OptionalLong.empty(), file, title, tags, keepOriginal,
        disclosure, progress, null, null);
  }

  /**
   * Puts text (a submission, a comment, a sign-off) as a new document or the next version of
   * {@code update}, after {@code parent} (the version it was edited from: the server answers
   * 409 if another version came first) or after the current one if empty.
   */
  public Put putText(WorkspaceId workspace, Optional<DocumentId> update, OptionalLong parent,
      String fileName, String text, String title, String kind, Anchor on) {
    return putText(workspace, update, parent, fileName, text, title, List.of(), kind, on);
  }

  /** As above, with sealed tags (a new version keeps the current ones when none are given). */
  public Put putText(WorkspaceId workspace, Optional<DocumentId> update, OptionalLong parent,
      String fileName, String text, String title, List<String> tags, String kind, Anchor on) {
    Path scratch = home.scratch();
    Path file = null;
    try {
      file = temp(scratch, new ArrayList<>());
      Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
      return put(workspace, update, parent, file, Optional.of(title), tags, false,
          DisclosureLevel.CONFIDENTIAL, Progress.NONE, kind, new TextFile(fileName, on));
    } catch (IOException e) {
      throw ClientException.usage(Text.of("home.cannot-write-in", scratch, e.getMessage()));
    } finally {
      if (file != null) {
        SealedDownload.deleteQuietly(file);
      }
    }
  }

  /** The file name and anchor a text is put under (its scratch file has another name). */
  private record TextFile(String fileName, Anchor on) {}

  private Put put(WorkspaceId workspace, Optional<DocumentId> update, OptionalLong parentVersion,
      Path file, Optional<String> title, List<String> tags, boolean keepOriginal,
      DisclosureLevel disclosure, Progress progress, String kind, TextFile text) {
    if (!Files.isRegularFile(file)) {
      throw ClientException.usage(Text.of("document.no-such-file", file));
    }
    WorkspaceClient.Rekeyed rekeyed = workspaces.rekeyIfNeeded(workspaces.log(workspace));
    MembershipLog log = rekeyed.log();
    requireWriter(log);
    Optional<Verified> parent = Optional.empty();
    if (update.isPresent()) {
      List<Verified> all = versions(log, workspace, update.get());
      parent = Optional.of(all.get(all.size() - 1));
      if (parentVersion.isPresent()) {
        parent = all.stream().filter(v -> v.manifest().version() == parentVersion.getAsLong())
            .findFirst();
        if (parent.isEmpty()) {
          throw ClientException.usage(Text.of("document.no-version-you-can-read",
              update.get(), parentVersion.getAsLong()));
        }
      }
      if (parent.get().manifest().kind() == ManifestKind.TOMBSTONE) {
        throw ClientException.usage(Text.of("document.removed", update.get()));
      }
    }
    Path scratch = home.scratch();
    List<Path> temporary = new ArrayList<>();
    try {
      // A file with nothing to strip is sealed as it is, without a copy.
      Path stripped = file;
      StripReport report = new StripReport(FileKind.OTHER, List.of());
      if (text == null && stripper.detect(file) != FileKind.OTHER) {
        stripped = temp(scratch, temporary);
        report = stripper.strip(file, stripped);
      }
      DocumentId document = update.orElseGet(DocumentId::random);
      long version = parent.map(p -> p.manifest().version() + 1).orElse(1L);
      long epoch = log.currentEpoch();
      SymmetricKey key = SymmetricKey.generate();
      String fileName = text != null ? text.fileName() : file.getFileName().toString();
      Optional<Metadata> before = parent.flatMap(Verified::metadata);
      Metadata metadata = new Metadata(
          title.orElse(before.map(Metadata::title).orElse(fileName)), fileName,
          text != null ? "text/markdown; charset=utf-8" : report.kind().mediaType(),
          tags.isEmpty() ? before.map(Metadata::tags).orElse(List.of()) : List.copyOf(tags),
          report.removed().stream().map(ClientText::english).toList(), keepOriginal, kind,
          text == null ? null : text.on());
      Path sealedContent = temp(scratch, temporary);
      long length = Files.size(stripped);
      Optional<SealedPart> original = Optional.empty();
      SealingFile sealedOriginal = null;
      long originalLength = 0;
      if (keepOriginal) {
        originalLength = Files.size(file);
        sealedOriginal = SealingFile.start(key, SealContext.original(workspace, document,
            version), file, originalLength, temp(scratch, temporary));
        sealedOriginal.finish();
        original = Optional.of(sealedOriginal.part());
      }
      // The content is sealed on a thread of its own while it uploads: the manifest needs only
      // its header and length, which exist as soon as sealing starts.
      SealingFile sealing = SealingFile.start(key, SealContext.content(workspace, document,
          version), stripped, length, sealedContent);
      SealedPart content = sealing.part();
      byte[] sealedMetadata = sealBytes(key, SealContext.metadata(workspace, document, version),
          JSON.writeValueAsBytes(metadata));
      IdentityKeys me = workspaces.me();
      DocumentManifest.Builder b = DocumentManifest.builder()
          .workspace(workspace).document(document).version(version)
          .parentVersion(version - 1)
          .kind(ManifestKind.VERSION).author(me.account()).authorDevice(me.device())
          .epoch(epoch).membershipSequence(log.head().sequence()).disclosure(disclosure)
          .createdAt(clock.instant().getEpochSecond()).contentLength(length)
          .content(content)
          .metadata(new SealedPart(sealedMetadata.length,
              java.util.Arrays.copyOf(sealedMetadata, SealedPart.HEADER_LENGTH)))
          .wrappedKey(DocumentKeyWrap.wrap(key, workspaces.epochKey(log, epoch), workspace,
              document, version, epoch));
      if (original.isPresent()) {
        b.original(original.get()).originalLength(originalLength);
      }
      DocumentManifest manifest = b.build();
      Map<String, String> body = new HashMap<>();
      body.put("manifest", b64(manifest.encode()));
      body.put("signature", b64(manifest.sign(me.signing())));
      body.put("metadata", b64(sealedMetadata));
      JsonNode upload = http.post(versionsPath(workspace, document), body);
      String uploadId = upload.path("uploadId").asText();
      long total = content.sealedLength() + original.map(SealedPart::sealedLength).orElse(0L);
      try {
        send(uploadId, "content", sealing::open, content.sealedLength(), 0, total, progress);
      } catch (ClientException e) {
        sealing.finish(); // when sealing is what stopped the upload, say that instead
        throw e;
      }
      sealing.finish();
      if (sealedOriginal != null) {
        send(uploadId, "original", sealedOriginal::open, original.get().sealedLength(),
            content.sealedLength(), total, progress);
      }
      complete(uploadId);
      pinVersion(workspace, document, version);
      if (rekeyed.wraps() > 0) {
        audit.membershipChanged(workspace);
      }
      audit.versionPut(manifest);
      return new Put(document, version, report, length, rekeyed.wraps());
    } catch (StripException e) {
      throw ClientException.usage(Text.of("document.cannot-strip", file, e.text()));
    } catch (IOException e) {
      throw ClientException.usage(Text.of("home.cannot-read", file,
          e instanceof SealingFile.Stopped stopped ? stopped.text() : e.getMessage()));
    } finally {
      temporary.forEach(SealedDownload::deleteQuietly);
    }
  }

  /** Current documents, each verified and its metadata opened. */
  public List<Verified> list(WorkspaceId workspace) {
    MembershipLog log = workspaces.log(workspace);
    Map<String, Long> pinned = pins(workspace);
    List<Verified> out = new ArrayList<>();
    String after = null;
    do {
      JsonNode page = http.get("api/v1/workspaces/" + workspace + "/documents?limit=" + PAGE
          + (after == null ? "" : "&after=" + after));
      for (JsonNode v : page.path("documents")) {
        Verified verified = verify(log, v);
        Long seen = pinned.get(verified.manifest().document().toString());
        if (seen != null && verified.manifest().version() < seen) {
          throw ClientException.integrity(Text.of("document.rollback-current",
              verified.manifest().version(), verified.manifest().document(), seen));
        }
        out.add(verified);
      }
      after = page.path("next").isTextual() ? page.path("next").asText() : null;
    } while (after != null);
    return out;
  }

  /** Every version of a document, verified as one unbroken line from version 1. */
  public List<Verified> versions(WorkspaceId workspace, DocumentId document) {
    MembershipLog log = workspaces.log(workspace);
    return versions(log, workspace, document);
  }

  /**
   * Writes a version's content to {@code target} (the current version when {@code version} is
   * empty). The content is opened into a private file beside the target and moved into place
   * only once all of it verified: a failure leaves no plaintext behind.
   */
  public Verified get(WorkspaceId workspace, DocumentId document, Optional<Long> version,
      Path target, Progress progress) {
    return get(workspace, document, version, false, v -> target, progress);
  }

  /**
   * As {@link #get(WorkspaceId, DocumentId, Optional, Path, Progress)}, or the untouched
   * original kept beside the stripped copy when {@code original} is set; the target is chosen
   * from the verified version (say, from its sealed file name), so nothing is fetched twice.
   */
  public Verified get(WorkspaceId workspace, DocumentId document, Optional<Long> version,
      boolean original, java.util.function.Function<Verified, Path> targetFor,
      Progress progress) {
    MembershipLog log = workspaces.log(workspace);
    List<Verified> all = versions(log, workspace, document);
    Verified chosen;
    if (version.isPresent()) {
      chosen = all.stream().filter(v -> v.manifest().version() == version.get()).findFirst()
          .orElseThrow(() -> ClientException.refused(Text.of(
              "document.no-version-you-may-read", document, version.get())));
    } else {
      chosen = all.get(all.size() - 1);
    }
    if (chosen.manifest().kind() == ManifestKind.TOMBSTONE) {
      throw ClientException.refused(Text.of("document.removed-ask-earlier", document,
          chosen.manifest().version()));
    }
    write(chosen.manifest(), chosen.key().orElseThrow(), original, targetFor.apply(chosen),
        progress);
    return chosen;
  }

  /**
   * Streams a verified version's content (or kept original) and opens it with its key into a
   * private file beside {@code target}, moved into place only once all of it verified.
   */
  void write(DocumentManifest m, SymmetricKey key, boolean original, Path target,
      Progress progress) {
    SealedDownload.write(http, versionsPath(m.workspace(), m.document()) + "/" + m.version()
        + (original ? "/original" : "/content"), m, key, original, target, progress);
  }

  /** Largest text {@link #readText} opens in memory (a submission, a comment, a sign-off). */
  public static final long MAX_TEXT = 16L * 1024 * 1024;

  /** A verified version's content as UTF-8 text, fetched, verified and opened here. */
  public String readText(Verified version) {
    DocumentManifest m = version.manifest();
    if (m.kind() == ManifestKind.TOMBSTONE || version.key().isEmpty()) {
      throw ClientException.usage(Text.of("document.no-text", m.version(), m.document()));
    }
    if (m.contentLength() > MAX_TEXT) {
      throw ClientException.usage(Text.of("document.too-large-for-text", m.document()));
    }
    Path target = home.scratch().resolve("text-" + java.util.UUID.randomUUID());
    try {
      write(m, version.key().get(), false, target, Progress.NONE);
      return Files.readString(target, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw ClientException.usage(Text.of("document.not-utf8", m.document()));
    } catch (IOException e) {
      throw ClientException.usage(Text.of("home.cannot-read", target, e.getMessage()));
    } finally {
      SealedDownload.deleteQuietly(target);
    }
  }

  /** Removes a document: a signed tombstone as its next version. */
  public long remove(WorkspaceId workspace, DocumentId document) {
    MembershipLog log = workspaces.rekeyIfNeeded(workspaces.log(workspace)).log();
    requireWriter(log);
    List<Verified> all = versions(log, workspace, document);
    DocumentManifest current = all.get(all.size() - 1).manifest();
    if (current.kind() == ManifestKind.TOMBSTONE) {
      throw ClientException.usage(Text.of("document.already-removed", document));
    }
    IdentityKeys me = workspaces.me();
    long version = current.version() + 1;
    DocumentManifest tombstone = DocumentManifest.builder()
        .workspace(workspace).document(document).version(version)
        .parentVersion(current.version()).kind(ManifestKind.TOMBSTONE).author(me.account())
        .authorDevice(me.device()).epoch(log.currentEpoch())
        .membershipSequence(log.head().sequence()).disclosure(current.disclosure())
        .createdAt(clock.instant().getEpochSecond()).contentLength(0).build();
    http.post(versionsPath(workspace, document), Map.of("manifest", b64(tombstone.encode()),
        "signature", b64(tombstone.sign(me.signing()))));
    pinVersion(workspace, document, version);
    audit.versionPut(tombstone);
    return version;
  }

  /** Resolves a document argument: its id, or its title among the workspace's documents. */
  public DocumentId resolve(WorkspaceId workspace, String argument) {
    if (argument.matches("[0-9a-f]{32}")) {
      return DocumentId.parse(argument);
    }
    List<Verified> matches = list(workspace).stream()
        .filter(v -> v.metadata().map(m -> m.title().equals(argument)).orElse(false)).toList();
    if (matches.size() == 1) {
      return matches.get(0).manifest().document();
    }
    throw ClientException.usage(matches.isEmpty()
        ? Text.of("document.no-title-match", argument)
        : Text.of("document.several-titles", argument));
  }

  List<Verified> versions(MembershipLog log, WorkspaceId workspace,
      DocumentId document) {
    JsonNode answer = http.get(versionsPath(workspace, document));
    List<Verified> out = new ArrayList<>();
    Identity firstAuthor = null;
    for (JsonNode v : answer.path("versions")) {
      Verified verified = verify(log, v);
      DocumentManifest m = verified.manifest();
      if (!m.document().equals(document)) {
        throw ClientException.integrity(Text.of("document.other-document-served", document));
      }
      if (!out.isEmpty() && m.version() != out.get(out.size() - 1).manifest().version() + 1) {
        throw ClientException.integrity(Text.of("document.versions-broken", document));
      }
      if (firstAuthor == null) {
        firstAuthor = verified.author();
      } else if (!verified.author().equals(firstAuthor)) {
        Role role = log.roleAt(m.author(), m.membershipSequence()).orElseThrow();
        if (!role.changesOthersDocuments()) {
          throw ClientException.integrity(Text.of("document.version-by-contributor",
              m.version(), document));
        }
      }
      out.add(verified);
    }
    if (out.isEmpty()) {
      throw ClientException.refused(Text.of("document.no-readable-version", document));
    }
    long newest = out.get(out.size() - 1).manifest().version();
    Long seen = pins(workspace).get(document.toString());
    if (seen != null && newest < seen) {
      throw ClientException.integrity(Text.of("document.rollback-newest", newest, document,
          seen));
    }
    pinVersion(workspace, document, newest);
    return out;
  }

  /**
   * Checks one served version against the log: signed by a member who could write then, under
   * the epoch in force then, bound to this workspace, document and version; then opens its key
   * and metadata.
   */
  private Verified verify(MembershipLog log, JsonNode view) {
    WorkspaceId workspace = log.workspace();
    DocumentManifest m;
    byte[] signature;
    try {
      m = DocumentManifest.decode(unb64(view.path("manifest").asText()));
      signature = unb64(view.path("signature").asText());
    } catch (GeneralSecurityException e) {
      throw ClientException.integrity(Text.of("document.manifest-undecodable"));
    }
    if (!m.workspace().equals(workspace)
        || !m.document().toString().equals(view.path("documentId").asText())
        || m.version() != view.path("version").asLong()) {
      throw ClientException.integrity(Text.of("document.served-under-another-name-moved",
          m.document(), m.version(), m.workspace()));
    }
    Optional<Identity> signer = identityOf(log, m.author());
    if (signer.isEmpty()) {
      throw ClientException.integrity(Text.of("document.signed-by-non-member", m.document(),
          m.version()));
    }
    Identity author = signer.get();
    try {
      if (!author.device().equals(m.authorDevice())) {
        throw new GeneralSecurityException("device");
      }
      m.verify(author.signingKey(), signature);
    } catch (GeneralSecurityException e) {
      throw ClientException.integrity(Text.of("document.manifest-not-signed-changed",
          m.document(), m.version()));
    }
    if (m.membershipSequence() > log.head().sequence()
        || log.roleAt(m.author(), m.membershipSequence()).map(r -> !r.writesDocuments())
            .orElse(true)) {
      throw ClientException.integrity(Text.of("document.signer-could-not-add", m.document(),
          m.version()));
    }
    if (log.epochAt(m.membershipSequence()) != m.epoch()) {
      throw ClientException.integrity(Text.of("document.wrong-epoch", m.document(),
          m.version()));
    }
    if (m.kind() == ManifestKind.TOMBSTONE) {
      return new Verified(m, author, Optional.empty(), Optional.empty());
    }
    SymmetricKey key;
    try {
      key = DocumentKeyWrap.unwrap(m.wrappedKey().orElseThrow(),
          workspaces.epochKey(log, m.epoch()), workspace, m.document(), m.version(), m.epoch());
    } catch (KeyUnwrapException e) {
      throw ClientException.integrity(Text.of("document.key-does-not-open-epoch", m.document(),
          m.version()));
    }
    byte[] sealedMetadata = view.path("metadata").isTextual()
        ? unb64(view.path("metadata").asText()) : new byte[0];
    return new Verified(m, author, Optional.of(openMetadata(m, key, sealedMetadata)),
        Optional.of(key));
  }

  /** The version's sealed metadata opened with its key, checked against the manifest. */
  static Metadata openMetadata(DocumentManifest m, SymmetricKey key, byte[] sealedMetadata) {
    SealedPart expected = m.metadata().orElseThrow();
    try {
      if (sealedMetadata.length != expected.sealedLength()) {
        throw new SealedDownload.NotAuthentic();
      }
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      ContentSeal.open(key, SealContext.metadata(m.workspace(), m.document(), m.version()),
          new ByteArrayInputStream(sealedMetadata), plain);
      return JSON.readValue(plain.toByteArray(), Metadata.class);
    } catch (IOException e) {
      throw ClientException.integrity(Text.of("document.metadata-not-sealed", m.document(),
          m.version()));
    }
  }

  /** The identity the log gave an account when it joined (members past and present). */
  private static Optional<Identity> identityOf(MembershipLog log,
      org.palermo.security.ids.AccountId account) {
    for (org.palermo.security.chain.ChainEntry entry : log.entries()) {
      MembershipChange change;
      try {
        change = MembershipChange.decode(entry.payload());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("a verified log holds an entry that does not decode", e);
      }
      Identity named = change instanceof MembershipChange.Create c ? c.owner()
          : change instanceof MembershipChange.Invite i ? i.invitee() : null;
      if (named != null && named.account().equals(account)) {
        return Optional.of(named);
      }
    }
    return Optional.empty();
  }

  /** Completes an upload; completion is idempotent, so a lost answer is simply asked again. */
  private void complete(String uploadId) {
    int failures = 0;
    while (true) {
      try {
        http.post("api/v1/uploads/" + uploadId + "/complete", Map.of());
        return;
      } catch (ClientException e) {
        if (e.exitCode() != ClientException.UNREACHABLE || ++failures > RETRIES) {
          throw e;
        }
        sleep(failures);
      }
    }
  }

  /** Where the bytes of a run come from. */
  @FunctionalInterface
  private interface Runs {
    InputStream open(long offset, long length) throws IOException;
  }

  private void send(String uploadId, String stream, Runs runs, long length, long base,
      long total, Progress progress) {
    long offset = 0;
    int failures = 0;
    boolean resync = false;
    while (offset < length) {
      try {
        if (resync) {
          // After a failure, the server says how much it kept (a cut run is kept whole up to
          // where it stopped); asking is part of the retried step, so a restarting server is
          // waited for with the same back-off.
          offset = http.get("api/v1/uploads/" + uploadId).path(stream + "Received").asLong();
          resync = false;
          if (offset >= length) {
            break;
          }
        }
        long from = offset;
        long run = Math.min(RUN_BYTES, length - offset);
        JsonNode status = http.putStream("api/v1/uploads/" + uploadId + "/" + stream
            + "?offset=" + offset, () -> {
              try {
                return runs.open(from, run);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }, run);
        offset = status.path(stream + "Received").asLong();
        failures = 0;
      } catch (ClientException e) {
        if (e.exitCode() != ClientException.UNREACHABLE || ++failures > RETRIES) {
          throw e;
        }
        sleep(failures);
        resync = true;
      }
      progress.update(base + offset, total);
    }
  }

  private static byte[] sealBytes(SymmetricKey key, SealContext context, byte[] plain)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContentSeal.seal(key, context, new ByteArrayInputStream(plain), out);
    return out.toByteArray();
  }

  private void requireWriter(MembershipLog log) {
    Role role = log.member(workspaces.me().account()).map(m -> m.role()).orElseThrow(
        () -> ClientException.refused(Text.of("document.not-a-member")));
    if (!role.writesDocuments()) {
      throw ClientException.usage(Text.of("document.viewers-read-only"));
    }
  }

  private Map<String, Long> pins(WorkspaceId workspace) {
    return home.workspace(workspace.toString()).map(Home.WorkspacePin::documents)
        .orElse(Map.of());
  }

  private void pinVersion(WorkspaceId workspace, DocumentId document, long version) {
    Home.WorkspacePin pin = home.workspace(workspace.toString()).orElseThrow();
    if (pin.documents().getOrDefault(document.toString(), 0L) >= version) {
      return; // nothing new to pin: the file is not rewritten
    }
    Map<String, Long> documents = new HashMap<>(pin.documents());
    documents.merge(document.toString(), version, Math::max);
    home.saveWorkspace(workspace.toString(), new Home.WorkspacePin(pin.headSequence(),
        pin.headHash(), documents));
  }

  private static String versionsPath(WorkspaceId workspace, DocumentId document) {
    return "api/v1/workspaces/" + workspace + "/documents/" + document + "/versions";
  }

  private static Path temp(Path dir, List<Path> created) throws IOException {
    Path file = Files.createTempFile(dir, "seal-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    created.add(file);
    return file;
  }


  private static void sleep(int failures) {
    try {
      Thread.sleep(Math.min(8000, 500L << failures));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String b64(byte[] bytes) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] unb64(String text) {
    try {
      return java.util.Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("document.malformed-base64-returned"));
    }
  }
}
