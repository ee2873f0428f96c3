package org.palermo.server.publication;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.MalformedManifestException;
import org.palermo.security.membership.Role;
import org.palermo.server.accounts.Account;
import org.palermo.server.accounts.AccountService;
import org.palermo.server.documents.DocumentDao;
import org.palermo.server.documents.VersionRow;
import org.palermo.server.errors.AccessDeniedException;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.sessions.Caller;
import org.palermo.server.workspaces.MemberRow;
import org.palermo.server.workspaces.WorkspaceService;
import org.palermo.text.Text;

/**
 * What workspaces published, served to anyone without an account: each published version with
 * its released key, its author's signed manifest and the signed entry that published it, for a
 * reader's client to verify and open. The server serves what members' clients released; it
 * opens nothing itself.
 */
public final class PublicationService {
  /** Longest public name a workspace may choose. */
  public static final int MAX_PUBLIC_NAME = 120;
  private static final Text NOT_PUBLISHED = Text.of("publication.not-published");

  private final Jdbi jdbi;
  private final WorkspaceService workspaces;
  private final AccountService accounts;

  public PublicationService(Jdbi jdbi, WorkspaceService workspaces, AccountService accounts) {
    this.jdbi = jdbi;
    this.workspaces = workspaces;
    this.accounts = accounts;
  }

  /** Where a page of the index starts: after the last row of the page before. */
  public record Cursor(LocalDate on, byte[] documentId) {
    static final Cursor FIRST = new Cursor(LocalDate.of(9999, 12, 31), new byte[16]);

    /** "YYYY-MM-DD.<document id in hex>", as {@link #toString} writes it. */
    public static Cursor parse(String text) {
      if (text == null || text.isEmpty()) {
        return FIRST;
      }
      try {
        int dot = text.indexOf('.');
        byte[] id = HexFormat.of().parseHex(text.substring(dot + 1));
        if (dot != 10 || id.length != 16) {
          throw new IllegalArgumentException();
        }
        return new Cursor(LocalDate.parse(text.substring(0, dot)), id);
      } catch (RuntimeException e) {
        throw new InvalidRequestException("after", Text.of("publication.cursor-unknown"));
      }
    }

    @Override
    public String toString() {
      return on + "." + HexFormat.of().formatHex(documentId);
    }
  }

  /** One page of the index and, when more follow, the cursor of the next. */
  public record Page(List<PublicRow> rows, Optional<Cursor> next) {}

  public Page index(Cursor after, int limit) {
    List<PublicRow> rows = jdbi.withExtension(PublicationDao.class,
        dao -> dao.index(after.on(), after.documentId(), limit + 1));
    if (rows.size() <= limit) {
      return new Page(rows, Optional.empty());
    }
    List<PublicRow> page = rows.subList(0, limit);
    PublicRow last = page.get(limit - 1);
    return new Page(List.copyOf(page), Optional.of(new Cursor(last.publishedOn(),
        last.documentId())));
  }

  /** A published version with the accounts of its author and of the member who published it. */
  public record Published(PublicRow row, Account author, Account discloser) {}

  public Published find(byte[] workspaceId, byte[] documentId) {
    PublicRow row = jdbi.withExtension(PublicationDao.class,
        dao -> dao.find(workspaceId, documentId))
        .orElseThrow(() -> new NotFoundProblemException(NOT_PUBLISHED));
    return withAccounts(row);
  }

  /** The row with its author's and publisher's accounts, as their keys are served to all. */
  public Published withAccounts(PublicRow row) {
    byte[] authorId;
    try {
      authorId = DocumentManifest.decode(row.manifest()).author().toBytes();
    } catch (MalformedManifestException e) {
      throw new IllegalStateException("a stored manifest does not decode", e);
    }
    return new Published(row, account(authorId), account(row.discloser()));
  }

  private Account account(byte[] id) {
    return accounts.findById(id).orElseThrow(
        () -> new IllegalStateException("a published version names an unknown account"));
  }

  /** The published version of a document, for streaming its sealed content. */
  public VersionRow publishedVersion(byte[] workspaceId, byte[] documentId) {
    return jdbi.inTransaction(h -> {
      PublicRow row = h.attach(PublicationDao.class).find(workspaceId, documentId)
          .orElseThrow(() -> new NotFoundProblemException(NOT_PUBLISHED));
      return h.attach(DocumentDao.class).version(workspaceId, documentId, row.version())
          .orElseThrow(() -> new NotFoundProblemException(NOT_PUBLISHED));
    });
  }

  /**
   * Sets or clears (null or blank) the name shown beside what the workspace publishes; owners
   * only. It is public by choice, unlike the workspace's sealed name.
   */
  public void setPublicName(Caller caller, byte[] workspaceId, String name) {
    String clean = name == null ? null : name.strip();
    if (clean != null && clean.isEmpty()) {
      clean = null;
    }
    if (clean != null && (clean.length() > MAX_PUBLIC_NAME
        || clean.codePoints().anyMatch(Character::isISOControl))) {
      throw new InvalidRequestException("name",
          Text.of("publication.public-name-invalid", MAX_PUBLIC_NAME));
    }
    String chosen = clean;
    jdbi.useTransaction(h -> {
      MemberRow member = workspaces.requireMember(h, caller, workspaceId);
      if (Role.fromCode(member.role()) != Role.OWNER) {
        throw new AccessDeniedException(Text.of("publication.owners-name-workspace"));
      }
      h.attach(PublicationDao.class).setPublicName(workspaceId, chosen);
    });
  }
}
