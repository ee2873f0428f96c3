package org.palermo.client.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.palermo.client.ClientException;
import org.palermo.client.audit.AuditClient;
import org.palermo.client.document.DocumentClient;
import org.palermo.client.document.DocumentClient.Anchor;
import org.palermo.client.document.DocumentClient.Verified;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.security.audit.AuditEvent;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.manifest.ManifestKind;

/**
 * Co-authored submissions: Markdown text sealed and versioned like evidence, saved after the
 * version it was edited from (a save that lost the race gets a 409 from the server, and is then
 * merged here with what came first, or handed back with its conflicts marked); comments
 * anchored to a version; sign-offs on behalf of an organisation; a PDF made on this machine.
 * Comments and sign-offs are documents of their own, sealed and signed by their authors; a
 * sign-off names the SHA-256 of the signed manifest of the version it endorses, and is also
 * recorded in the workspace's audit log.
 */
public final class SubmissionClient {
  private static final ObjectMapper JSON = PalermoHttp.json();
  /** Saves retried when another member's version keeps coming first (each merged cleanly). */
  private static final int SAVES = 4;

  private final DocumentClient documents;
  private final AuditClient audit;
  private final Home home;

  public SubmissionClient(DocumentClient documents, AuditClient audit, Home home) {
    this.documents = documents;
    this.audit = audit;
    this.home = home;
  }

  /** A version of a submission and its text. */
  public record Text(Verified version, String text) {
    public long number() {
      return version.manifest().version();
    }
  }

  /**
   * The sealed tag of a submission that is the summary of a list of observations, whose words
   * are limited ({@link org.palermo.client.translation.WordCount#SUMMARY_LIMIT}); its versions
   * keep it.
   */
  public static final String SUMMARY_TAG = "summary";

  /** Starts a submission from {@code text}; with {@code summary}, marked as a summary. */
  public Text create(WorkspaceId workspace, String title, String text, boolean summary) {
    DocumentClient.Put put = documents.putText(workspace, Optional.empty(),
        OptionalLong.empty(), fileName(title), text, title,
        summary ? List.of(SUMMARY_TAG) : List.of(), DocumentClient.SUBMISSION, null);
    remember(workspace, put.document(), put.version());
    return read(workspace, put.document(), OptionalLong.of(put.version()));
  }

  /** Whether the submission is marked as a summary of a list of observations. */
  public static boolean isSummary(Text submission) {
    return submission.version().metadata().map(m -> m.tags().contains(SUMMARY_TAG))
        .orElse(false);
  }

  /**
   * A version of the submission (the current one if none is named); remembered as the version
   * this device edits from.
   */
  public Text read(WorkspaceId workspace, DocumentId document, OptionalLong version) {
    Text text = open(workspace, document, version);
    remember(workspace, document, text.number());
    return text;
  }

  /** The version this device last fetched to edit, if any. */
  public OptionalLong base(WorkspaceId workspace, DocumentId document) {
    Long base = home.submissionBases(workspace.toString()).documents().get(document.toString());
    return base == null ? OptionalLong.empty() : OptionalLong.of(base);
  }

  /** What a save did. */
  public sealed interface Saved permits Stored, Conflicted {}

  /** Stored as {@code version}; {@code mergedWith} names the versions merged in first. */
  public record Stored(long version, List<Long> mergedWith) implements Saved {}

  /**
   * Not stored: others' version {@code theirs} changed the same lines; {@code text} holds both
   * sides between markers, to resolve and save again from {@code theirs}.
   */
  public record Conflicted(String text, long theirs, int conflicts) implements Saved {}

  /**
   * Saves {@code text} as the version after {@code base}. If another version came first, the
   * server answers 409; then the three texts are merged here and the merge is saved after the
   * newest version, unless the same lines changed on both sides.
   */
  public Saved save(WorkspaceId workspace, DocumentId document, String text, long base) {
    String title = version(workspace, document, OptionalLong.of(base)).metadata().orElseThrow()
        .title();
    List<Long> merged = new ArrayList<>();
    String mine = text;
    long from = base;
    for (int attempt = 1; ; attempt++) {
      try {
        DocumentClient.Put put = documents.putText(workspace, Optional.of(document),
            OptionalLong.of(from), fileName(title), mine, title, DocumentClient.SUBMISSION,
            null);
        remember(workspace, document, put.version());
        return new Stored(put.version(), merged);
      } catch (ClientException e) {
        if (e.status() != 409 || attempt == SAVES) {
          throw e;
        }
      }
      Text ancestor = open(workspace, document, OptionalLong.of(from));
      Text theirs = open(workspace, document, OptionalLong.empty());
      ThreeWayMerge.Result result = ThreeWayMerge.merge(ancestor.text(), mine, theirs.text(),
          "version " + theirs.number());
      if (!result.clean()) {
        return new Conflicted(result.text(), theirs.number(), result.conflicts());
      }
      merged.add(theirs.number());
      mine = result.text();
      from = theirs.number();
    }
  }

  /** A comment: its version, its text, and the version of the submission it is about. */
  public record Comment(Verified comment, String text, Anchor on) {}

  /** Comments on {@code version} (the current one if none is named) of the submission. */
  public Comment comment(WorkspaceId workspace, DocumentId document, OptionalLong version,
      String text) {
    Text on = open(workspace, document, version);
    Anchor anchor = new Anchor(document.toString(), on.number());
    DocumentClient.Put put = documents.putText(workspace, Optional.empty(),
        OptionalLong.empty(), "comment.md", text, "Comment on " + title(on) + " v"
            + on.number(), DocumentClient.COMMENT, anchor);
    Verified stored = documents.versions(workspace, put.document()).get(0);
    return new Comment(stored, text, anchor);
  }

  /** Every comment on the submission, oldest first. */
  public List<Comment> comments(WorkspaceId workspace, DocumentId document) {
    List<Comment> out = new ArrayList<>();
    for (Verified v : about(workspace, document, DocumentClient.COMMENT)) {
      out.add(new Comment(v, documents.readText(v), v.metadata().orElseThrow().on()));
    }
    return out;
  }

  /**
   * What a member signs off: a version of a submission, by the SHA-256 of its signed manifest,
   * on behalf of an organisation.
   */
  public record Statement(String document, long version, String manifestHash,
      String organization) {}

  /** A sign-off, verified; {@code current} when it endorses the submission's current version. */
  public record Endorsement(Verified signOff, Statement statement, boolean current) {}

  /** Signs off {@code version} (the current one if none is named) for {@code organization}. */
  public Endorsement signOff(WorkspaceId workspace, DocumentId document, OptionalLong version,
      String organization) {
    String org = organization == null ? "" : organization.strip();
    if (org.isEmpty() || org.length() > 200) {
      throw ClientException.usage(message("submission.organisation-required"));
    }
    Text on = open(workspace, document, version);
    Statement statement = new Statement(document.toString(), on.number(),
        manifestHash(on.version()), org);
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(statement);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    DocumentClient.Put put = documents.putText(workspace, Optional.empty(),
        OptionalLong.empty(), "sign-off.json", new String(bytes, StandardCharsets.UTF_8),
        "Sign-off of " + title(on) + " v" + on.number() + " for " + org,
        DocumentClient.SIGN_OFF, new Anchor(document.toString(), on.number()));
    audit.record(workspace, c -> new AuditEvent.SignedOff(workspace, c.at(),
        c.membershipSequence(), document, on.number(), sha256(bytes)));
    Verified stored = documents.versions(workspace, put.document()).get(0);
    return new Endorsement(stored, statement, true);
  }

  /**
   * Every sign-off of the submission, each checked against the version it names (its signed
   * manifest's hash); refused (exit 3) if one names a version that is not the one signed.
   */
  public List<Endorsement> endorsements(WorkspaceId workspace, DocumentId document) {
    List<Verified> versions = documents.versions(workspace, document);
    long current = versions.get(versions.size() - 1).manifest().version();
    List<Endorsement> out = new ArrayList<>();
    for (Verified v : about(workspace, document, DocumentClient.SIGN_OFF)) {
      Statement s;
      try {
        s = JSON.readValue(documents.readText(v), Statement.class);
      } catch (JsonProcessingException e) {
        throw ClientException.integrity(message("submission.not-a-statement",
            v.manifest().document()));
      }
      Anchor on = v.metadata().orElseThrow().on();
      Verified signed = versions.stream().filter(x -> x.manifest().version() == s.version())
          .findFirst().orElseThrow(() -> ClientException.integrity(message(
              "submission.names-missing-version", v.manifest().document())));
      if (!s.document().equals(document.toString()) || s.version() != on.version()
          || !s.manifestHash().equals(manifestHash(signed))) {
        throw ClientException.integrity(message("submission.filed-under-other-version",
            v.manifest().document()));
      }
      out.add(new Endorsement(v, s, s.version() == current));
    }
    return out;
  }

  /**
   * Writes a version of the submission (the current one if none is named) as a PDF made here,
   * with a last line naming the version and its sign-offs. That line stays in English: the PDF
   * is drawn with the standard PDF fonts, which have no Arabic, Chinese or Cyrillic letters.
   */
  public Text exportPdf(WorkspaceId workspace, DocumentId document, OptionalLong version,
      Path target) {
    Text text = open(workspace, document, version);
    List<String> orgs = endorsements(workspace, document).stream()
        .filter(e -> e.statement().version() == text.number())
        .map(e -> e.statement().organization()).toList();
    String footer = title(text) + ", version " + text.number() + " (" + document + ")"
        + (orgs.isEmpty() ? "" : "; signed off for " + String.join(", ", orgs));
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
      PdfExport.write(text.text(), title(text), footer, out);
    } catch (FileAlreadyExistsException e) {
      throw ClientException.usage(message("document.target-exists", target));
    } catch (IOException e) {
      throw ClientException.usage(message("submission.cannot-write", target, e.getMessage()));
    }
    return text;
  }

  /** The submission's version (current if none named), verified and opened. */
  private Text open(WorkspaceId workspace, DocumentId document, OptionalLong version) {
    Verified chosen = version(workspace, document, version);
    return new Text(chosen, documents.readText(chosen));
  }

  /** The submission's version (current if none named), verified; its text not fetched. */
  private Verified version(WorkspaceId workspace, DocumentId document, OptionalLong version) {
    List<Verified> all = documents.versions(workspace, document);
    Verified chosen = version.isPresent()
        ? all.stream().filter(v -> v.manifest().version() == version.getAsLong()).findFirst()
            .orElseThrow(() -> ClientException.usage(message(
                "document.no-version-you-can-read", document, version.getAsLong())))
        : all.get(all.size() - 1);
    if (chosen.manifest().kind() == ManifestKind.TOMBSTONE) {
      throw ClientException.usage(message("document.removed", document));
    }
    if (!DocumentClient.SUBMISSION.equals(chosen.metadata().orElseThrow().kindOrEvidence())) {
      throw ClientException.usage(message("submission.not-a-submission", document));
    }
    return chosen;
  }

  /** The workspace's current documents of {@code kind} about {@code document}. */
  private List<Verified> about(WorkspaceId workspace, DocumentId document, String kind) {
    List<Verified> out = new ArrayList<>();
    for (Verified v : documents.list(workspace)) {
      Optional<DocumentClient.Metadata> m = v.metadata();
      if (m.isPresent() && kind.equals(m.get().kindOrEvidence()) && m.get().on() != null
          && document.toString().equals(m.get().on().document())) {
        out.add(v);
      }
    }
    out.sort(java.util.Comparator.comparingLong(v -> v.manifest().createdAt()));
    return out;
  }

  private void remember(WorkspaceId workspace, DocumentId document, long version) {
    Map<String, Long> bases = new HashMap<>(home.submissionBases(workspace.toString())
        .documents());
    bases.put(document.toString(), version);
    home.saveSubmissionBases(workspace.toString(), new Home.SubmissionBases(bases));
  }

  /** A user-facing text (this class has a {@link Text} of its own: a submission's text). */
  private static org.palermo.text.Text message(String key, Object... args) {
    return org.palermo.text.Text.of(key, args);
  }

  private static String title(Text text) {
    return text.version().metadata().orElseThrow().title();
  }

  private static String fileName(String title) {
    String base = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("(^-+|-+$)", "");
    return (base.isEmpty() ? "submission" : base.substring(0, Math.min(60, base.length())))
        + ".md";
  }

  private static String manifestHash(Verified v) {
    return HexFormat.of().formatHex(sha256(v.manifest().encode()));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }
}
