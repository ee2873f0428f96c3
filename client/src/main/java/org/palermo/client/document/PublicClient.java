package org.palermo.client.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.disclosure.DisclosureLog;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.ManifestKind;
import org.palermo.text.Text;

/**
 * What workspaces published, read without an account: each version verified on its own (its
 * author's signed manifest, the member-signed entry that published it, the released key opening
 * its sealed metadata and content). Without the workspace's membership log, a reader cannot
 * tell that the publisher belongs to the workspace or that a second owner approved: the author
 * and publisher are shown by handle and fingerprint, pinned on first sight, to compare with the
 * organisation's own channels.
 */
public final class PublicClient {
  private final PalermoHttp http;
  private final Home home;

  public PublicClient(PalermoHttp http, Home home) {
    this.http = http;
    this.home = home;
  }

  /** A published version, verified, with what the index shows beside it. */
  public record Published(DocumentManifest manifest, DocumentClient.Metadata metadata,
      AccountClient.Known author, AccountClient.Known publisher, LocalDate publishedOn,
      Optional<String> publicName, SymmetricKey key) {}

  /** One page of the index, newest first, and the cursor of the next if there is one. */
  public record Page(List<Published> documents, Optional<String> next) {}

  /** A page of the public index, each entry verified; refused (exit 3) if one is not. */
  public Page list(String after, int limit) {
    StringBuilder path = new StringBuilder("api/v1/public?limit=").append(limit);
    if (after != null) {
      path.append("&after=").append(java.net.URLEncoder.encode(after,
          java.nio.charset.StandardCharsets.UTF_8));
    }
    JsonNode answer = http.get(path.toString());
    List<Published> out = new ArrayList<>();
    for (JsonNode row : answer.path("documents")) {
      out.add(verify(row));
    }
    return new Page(out, answer.path("next").isTextual()
        ? Optional.of(answer.path("next").asText()) : Optional.empty());
  }

  /** The published version of one document, verified. */
  public Published find(WorkspaceId workspace, DocumentId document) {
    Published p = verify(http.get(base(workspace, document)));
    if (!p.manifest().workspace().equals(workspace)
        || !p.manifest().document().equals(document)) {
      throw ClientException.integrity(Text.of("document.another-document-served", document));
    }
    return p;
  }

  /** Writes a published version's content, verified and opened, to {@code target}. */
  public void write(Published p, Path target, DocumentClient.Progress progress) {
    SealedDownload.write(http, base(p.manifest().workspace(), p.manifest().document())
        + "/content", p.manifest(), p.key(), false, target, progress);
  }

  private Published verify(JsonNode row) {
    DocumentManifest m;
    ChainEntry publication;
    byte[] signature;
    LocalDate on;
    try {
      m = DocumentManifest.decode(unb64(row.path("manifest").asText()));
      signature = unb64(row.path("signature").asText());
      publication = ChainEntry.decode(unb64(row.path("disclosure").asText()));
      on = LocalDate.parse(row.path("publishedOn").asText());
    } catch (GeneralSecurityException | DateTimeParseException e) {
      throw ClientException.integrity(Text.of("document.published-undecodable"));
    }
    if (!m.workspace().toString().equals(row.path("workspaceId").asText())
        || !m.document().toString().equals(row.path("documentId").asText())
        || m.version() != row.path("version").asLong() || m.kind() != ManifestKind.VERSION) {
      throw ClientException.integrity(Text.of("document.served-under-another-name",
          m.document(), m.version()));
    }
    AccountClient.Known author = person(row.path("author"));
    try {
      if (!author.identity().account().equals(m.author())
          || !author.identity().device().equals(m.authorDevice())) {
        throw new GeneralSecurityException("another author");
      }
      m.verify(author.identity().signingKey(), signature);
    } catch (GeneralSecurityException e) {
      throw ClientException.integrity(Text.of("document.manifest-not-signed", m.document(),
          m.version()));
    }
    AccountClient.Known publisher = person(row.path("discloser"));
    try {
      DisclosureLog.verifyPublication(publication, publisher.identity(), m.workspace(),
          m.document(), m.version());
    } catch (ChainException e) {
      ChainFailure f = ChainFailure.of(e);
      throw ClientException.integrity(Text.of("document.publication-does-not-verify",
          m.document(), m.version(), f.kind(), f.entry(), f.detail()));
    }
    SymmetricKey key;
    try {
      key = SymmetricKey.fromBytes(unb64(row.path("key").asText()),
          InsecureSecretKeyAccess.get());
    } catch (IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("document.released-key-malformed", m.document(),
          m.version()));
    }
    // The metadata's seal opens only under the version's own key: a wrong key is refused here.
    DocumentClient.Metadata metadata = DocumentClient.openMetadata(m, key,
        unb64(row.path("metadata").asText()));
    Optional<String> name = row.path("publicName").isTextual()
        ? Optional.of(row.path("publicName").asText()) : Optional.empty();
    return new Published(m, metadata, author, publisher, on, name, key);
  }

  private AccountClient.Known person(JsonNode view) {
    Identity served = AccountClient.identityOf(view);
    String handle = view.path("handle").asText();
    return new AccountClient.Known(handle, AccountClient.pinned(home, handle, served));
  }

  private static String base(WorkspaceId workspace, DocumentId document) {
    return "api/v1/public/" + workspace + "/" + document;
  }

  private static byte[] unb64(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("document.malformed-base64-served"));
    }
  }
}
