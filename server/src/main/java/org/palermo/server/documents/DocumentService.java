package org.palermo.server.documents;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.palermo.security.audit.AuditEvent;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.server.audit.AuditService;
import org.palermo.server.blobs.BlobStore;
import org.palermo.server.errors.AccessDeniedException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.sessions.Caller;
import org.palermo.server.states.StateCertificateService;
import org.palermo.server.workspaces.MemberRow;
import org.palermo.server.workspaces.WorkspaceDao;
import org.palermo.server.workspaces.WorkspaceService;
import org.palermo.text.Text;

/**
 * Reading documents: lists of current versions, a document's versions, and the sealed
 * streams. Only members see anything (others get a 404, as for a workspace that does not
 * exist), and only versions sealed under an epoch whose key was given to them: the server never
 * hands out ciphertext that its reader may not read.
 */
public final class DocumentService {
  public static final int MAX_PAGE = 1000;

  private final Jdbi jdbi;
  private final BlobStore blobs;
  private final WorkspaceService workspaces;
  private final StateCertificateService states;
  private final AuditService audit;
  private final Clock clock;

  public DocumentService(Jdbi jdbi, BlobStore blobs, WorkspaceService workspaces,
      StateCertificateService states, AuditService audit, Clock clock) {
    this.jdbi = jdbi;
    this.states = states;
    this.blobs = blobs;
    this.workspaces = workspaces;
    this.audit = audit;
    this.clock = clock;
  }

  /** The caller's first readable epoch and the list's revision; 404 for a non-member. */
  public ListState listState(Caller caller, byte[] workspaceId) {
    return jdbi.withExtension(DocumentDao.class,
        dao -> dao.listState(workspaceId, caller.accountId()))
        .orElseThrow(() -> new NotFoundProblemException(WorkspaceService.NOT_FOUND));
  }

  /**
   * Current versions (not removed) sealed under {@code firstEpoch} or later, after
   * {@code after} (an id), at most {@code limit}: a page of the list, for a member whose
   * {@link #listState} gave that epoch.
   */
  public List<VersionRow> page(byte[] workspaceId, long firstEpoch, byte[] after, int limit) {
    return jdbi.withExtension(DocumentDao.class,
        dao -> dao.current(workspaceId, after, firstEpoch, limit));
  }

  /** Every version of a document the caller may read, oldest first. */
  public List<VersionRow> versions(Caller caller, byte[] workspaceId, byte[] documentId) {
    return jdbi.inTransaction(h -> {
      MemberRow member = workspaces.requireMember(h, caller, workspaceId);
      List<VersionRow> all = h.attach(DocumentDao.class).versions(workspaceId, documentId);
      if (all.isEmpty()) {
        throw new NotFoundProblemException(Text.of("documents.no-document"));
      }
      return all.stream().filter(v -> v.epoch() >= member.firstEpoch()).toList();
    });
  }

  /** One version, for reading one of its sealed streams. */
  public VersionRow version(Caller caller, byte[] workspaceId, byte[] documentId, long version,
      SealedStream stream) {
    return jdbi.inTransaction(h -> {
      DocumentDao dao = h.attach(DocumentDao.class);
      Optional<MemberRow> member = workspaces.member(h, caller, workspaceId);
      if (member.isEmpty()) {
        // Not a member: a State account reads the stripped content of a version disclosed to
        // it, nothing else (never a kept original, which still carries its metadata).
        if (stream != SealedStream.CONTENT
            || !dao.granted(workspaceId, documentId, version, caller.accountId())
            || !states.certifiedNow(caller.accountId())) {
          throw new NotFoundProblemException(WorkspaceService.NOT_FOUND);
        }
        if (dao.neverFetched(workspaceId, documentId, version, caller.accountId())) {
          // The workspace's audit log records each State account's first fetch of a version
          // (the workspace row first, as every writer of the workspace locks it).
          h.attach(WorkspaceDao.class).lock(workspaceId);
          if (dao.markFetched(workspaceId, documentId, version, caller.accountId(),
              LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)) == 1) {
            audit.observe(h, workspaceId, at -> AuditEvent.ServerObserved.grantFetched(
                WorkspaceId.of(workspaceId), at, DocumentId.of(documentId), version,
                AccountId.of(caller.accountId())));
          }
        }
        return dao.version(workspaceId, documentId, version).orElseThrow(
            () -> new NotFoundProblemException(Text.of("documents.no-version")));
      }
      VersionRow row = dao.version(workspaceId, documentId, version)
          .orElseThrow(() -> new NotFoundProblemException(Text.of("documents.no-version")));
      if (row.epoch() < member.get().firstEpoch()) {
        throw new AccessDeniedException(Text.of("documents.shared-before-joining"));
      }
      return row;
    });
  }

  /** The sealed bytes of one stream of a version, from the first part on. */
  public InputStream open(VersionRow version, SealedStream stream) {
    if (stream.length(version) == 0) {
      throw new NotFoundProblemException(stream == SealedStream.CONTENT
          ? Text.of("documents.version-no-content")
          : Text.of("documents.version-no-original"));
    }
    List<PartRow> parts = jdbi.withExtension(UploadDao.class,
        dao -> dao.parts(version.uploadId(), stream.code()));
    return new PartsInputStream(blobs, parts);
  }
}
