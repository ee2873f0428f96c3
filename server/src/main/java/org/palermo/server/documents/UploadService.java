package org.palermo.server.documents;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.palermo.security.audit.AuditEvent;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SigningPublicKey;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.MalformedManifestException;
import org.palermo.security.manifest.ManifestKind;
import org.palermo.security.manifest.SealedPart;
import org.palermo.security.membership.Role;
import org.palermo.server.accounts.Account;
import org.palermo.server.accounts.AccountService;
import org.palermo.server.audit.AuditService;
import org.palermo.server.blobs.BlobId;
import org.palermo.server.blobs.BlobStore;
import org.palermo.server.errors.AccessDeniedException;
import org.palermo.server.errors.ConflictException;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.errors.PayloadTooLargeException;
import org.palermo.server.events.CoreEventLog;
import org.palermo.server.publication.PublicationDao;
import org.palermo.server.sessions.Caller;
import org.palermo.server.workspaces.MemberRow;
import org.palermo.server.workspaces.WorkspaceDao;
import org.palermo.server.workspaces.WorkspaceRow;
import org.palermo.server.workspaces.WorkspaceService;
import org.palermo.text.Text;

/**
 * Puts new document versions in three steps, so that a large upload survives a dropped
 * connection: {@link #begin} takes the signed manifest and the sealed metadata and reserves the
 * quota; {@link #receive} stores runs of a sealed stream from the offset the server has (a
 * connection that drops keeps what arrived whole); {@link #complete} makes the version current
 * in one transaction. Until then nobody sees it; a crash at any point loses at most the run in
 * flight, and nothing half-stored ever looks complete.
 *
 * <p>The server checks what it can without keys, as a second line behind the clients: the
 * manifest's signature by the caller's registered key, the workspace, document, author, epoch
 * and parent it names, the sizes, and that the content starts with the header the manifest
 * signs.
 */
public final class UploadService {
  /** Bound on one sealed stream (a sanity limit; quotas are the real one). */
  static final long MAX_SEALED_BYTES = 1L << 40;
  static final int MAX_METADATA = 64 * 1024;
  /** An upload not completed within this time is dropped (its quota comes back). */
  public static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofDays(7);

  private static final Text NO_UPLOAD = Text.of("documents.no-upload");

  private final Jdbi jdbi;
  private final Clock clock;
  private final BlobStore blobs;
  private final WorkspaceService workspaces;
  private final AuditService audit;
  private final AccountService accounts;
  private final SecureRandom random;
  private final CoreEventLog events;

  public UploadService(Jdbi jdbi, Clock clock, BlobStore blobs, WorkspaceService workspaces,
      AccountService accounts, AuditService audit, SecureRandom random, CoreEventLog events) {
    this.jdbi = jdbi;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
    this.blobs = blobs;
    this.workspaces = workspaces;
    this.accounts = accounts;
    this.random = random;
  }

  /** Where an upload stands. */
  public record Status(byte[] uploadId, long version, long contentLength, long contentReceived,
      long originalLength, long originalReceived, boolean complete) {}

  /**
   * Starts a version (or, for a tombstone, records it at once). Returns the upload's status.
   */
  public Status begin(Caller caller, byte[] workspaceId, byte[] documentId, byte[] encoded,
      byte[] signature, byte[] metadata) {
    DocumentManifest m = decode(encoded);
    if (!Arrays.equals(m.workspace().toBytes(), workspaceId)
        || !Arrays.equals(m.document().toBytes(), documentId)) {
      throw new InvalidRequestException("manifest", Text.of("documents.manifest-other-target"));
    }
    Account account = accounts.findById(caller.accountId()).orElseThrow(
        () -> new NotFoundProblemException(Text.of("documents.account-gone")));
    if (!Arrays.equals(m.author().toBytes(), caller.accountId())
        || !Arrays.equals(m.authorDevice().toBytes(), account.deviceId())) {
      throw new InvalidRequestException("manifest", Text.of("documents.manifest-other-author"));
    }
    try {
      m.verify(SigningPublicKey.decode(account.signingKey()), signature);
    } catch (GeneralSecurityException e) {
      throw new InvalidRequestException("signature", Text.of("documents.signature-invalid"));
    }
    long sealedBytes = checkSizes(m, metadata);
    byte[] uploadId = new byte[16];
    random.nextBytes(uploadId);
    return jdbi.inTransaction(h -> {
      Writable writable = lockWritable(h, caller, m);
      WorkspaceRow w = writable.workspace();
      DocumentDao documents = h.attach(DocumentDao.class);
      Optional<DocumentRow> current = documents.lock(workspaceId, documentId);
      checkParent(writable.role(), caller, m, current);
      UploadRow upload = new UploadRow(uploadId, workspaceId, documentId, m.version(),
          m.epoch(), caller.accountId(), encoded, signature,
          m.kind() == ManifestKind.VERSION ? metadata : null,
          m.content().map(SealedPart::sealedLength).orElse(0L),
          m.original().map(SealedPart::sealedLength).orElse(0L),
          clock.instant().truncatedTo(ChronoUnit.MINUTES), false);
      if (m.kind() == ManifestKind.TOMBSTONE) {
        h.attach(UploadDao.class).insert(upload);
        record(h, upload, current.isEmpty(), true);
        return status(upload, 0, 0, true);
      }
      if (w.usedBytes() + sealedBytes > w.quotaBytes()) {
        throw new PayloadTooLargeException(Text.of("documents.quota-exceeded",
            mib(w.usedBytes()), mib(w.quotaBytes()), mib(sealedBytes)));
      }
      h.attach(WorkspaceDao.class).addUsed(workspaceId, sealedBytes);
      h.attach(UploadDao.class).insert(upload);
      return status(upload, 0, 0, false);
    });
  }

  public Status status(Caller caller, byte[] uploadId) {
    return jdbi.inTransaction(h -> {
      UploadRow u = own(h.attach(UploadDao.class).find(uploadId), caller);
      return status(h, u);
    });
  }

  /**
   * Stores the run of {@code stream} that starts at {@code offset}, which must be what the
   * server has so far. A body cut short by the network is kept up to where it stopped, so the
   * client resumes from there; a body longer than the stream's declared size is refused whole.
   */
  public Status receive(Caller caller, byte[] uploadId, SealedStream stream, long offset,
      InputStream body) throws IOException {
    UploadRow u = jdbi.withExtension(UploadDao.class, dao -> own(dao.find(uploadId), caller));
    if (u.completed()) {
      throw new ConflictException(Text.of("documents.upload-complete"));
    }
    long declared = stream.declaredLength(u);
    long received = jdbi.withExtension(UploadDao.class,
        dao -> dao.received(uploadId, stream.code()));
    if (offset != received) {
      throw new ConflictException(stream == SealedStream.CONTENT
          ? Text.of("documents.resume-content-from", received)
          : Text.of("documents.resume-original-from", received));
    }
    if (declared == 0) {
      throw new ConflictException(stream == SealedStream.CONTENT
          ? Text.of("documents.upload-no-content")
          : Text.of("documents.upload-no-original"));
    }
    BlobId blob = BlobId.random(random);
    CappedBody capped = new CappedBody(body, declared - received);
    long stored = blobs.put(blob, capped);
    if (capped.overflowed()) {
      blobs.delete(blob);
      throw new InvalidRequestException(null,
          Text.of("documents.body-too-long", declared - received));
    }
    if (stored == 0) {
      blobs.delete(blob);
      return status(caller, uploadId);
    }
    boolean recorded = jdbi.inTransaction(h -> {
      UploadDao dao = h.attach(UploadDao.class);
      UploadRow locked = own(dao.lock(uploadId), caller);
      if (locked.completed() || dao.received(uploadId, stream.code()) != offset) {
        return false; // another request for the same offset won the race
      }
      dao.insertPart(new PartRow(uploadId, stream.code(), offset, stored, blob.value()));
      return true;
    });
    if (!recorded) {
      blobs.delete(blob);
      throw new ConflictException(Text.of("documents.part-stored-first"));
    }
    return status(caller, uploadId);
  }

  /**
   * Makes the upload the document's current version, once every byte arrived. Idempotent: a
   * client that lost the answer asks again and gets the same one.
   */
  public Status complete(Caller caller, byte[] uploadId) throws IOException {
    UploadRow u = jdbi.withExtension(UploadDao.class, dao -> own(dao.find(uploadId), caller));
    if (!u.completed()) {
      requireHeader(u);
    }
    Refusal refusal = jdbi.inTransaction(h -> {
      UploadDao uploads = h.attach(UploadDao.class);
      UploadRow locked = own(uploads.lock(uploadId), caller);
      if (locked.completed()) {
        return null;
      }
      for (SealedStream s : SealedStream.values()) {
        long got = uploads.received(uploadId, s.code());
        if (got != s.declaredLength(locked)) {
          throw new ConflictException(s == SealedStream.CONTENT
              ? Text.of("documents.content-incomplete", got, s.declaredLength(locked))
              : Text.of("documents.original-incomplete", got, s.declaredLength(locked)));
        }
      }
      DocumentManifest m = decode(locked.manifest());
      Role role = lockWritable(h, caller, m).role();
      Optional<DocumentRow> current = h.attach(DocumentDao.class)
          .lock(locked.workspaceId(), locked.documentId());
      try {
        checkParent(role, caller, m, current);
      } catch (ConflictException e) {
        // The upload can never complete: drop it and release its quota; the refusal follows.
        return new Refusal(e, drop(h, locked));
      }
      record(h, locked, current.isEmpty(), false);
      return null;
    });
    if (refusal != null) {
      for (String blob : refusal.orphanBlobs()) {
        blobs.delete(BlobId.parse(blob));
      }
      throw refusal.reason();
    }
    return status(caller, uploadId);
  }

  /**
   * Drops uploads begun more than {@link #ABANDONED_AFTER} ago and never completed: their parts
   * are deleted and their quota released. Safe on several nodes at once (each upload is
   * dropped under its row lock), each recorded in its workspace's audit log. Returns how many
   * were dropped.
   */
  public int expireAbandoned() throws IOException {
    int dropped = 0;
    List<byte[]> ids = jdbi.withExtension(UploadDao.class,
        dao -> dao.abandoned(clock.instant().minus(ABANDONED_AFTER)));
    for (byte[] id : ids) {
      List<String> orphans = jdbi.inTransaction(h -> {
        UploadDao uploads = h.attach(UploadDao.class);
        Optional<UploadRow> upload = uploads.lock(id).filter(u -> !u.completed());
        if (upload.isEmpty()) {
          return List.<String>of();
        }
        List<String> blobIds = drop(h, upload.get());
        UploadRow u = upload.get();
        // The workspace's audit log says a version was begun and never completed (by whom).
        audit.observe(h, u.workspaceId(), at -> AuditEvent.ServerObserved.uploadAbandoned(
            WorkspaceId.of(u.workspaceId()), at, DocumentId.of(u.documentId()), u.version(),
            org.palermo.security.ids.AccountId.of(u.accountId())));
        return blobIds;
      });
      for (String blob : orphans) {
        blobs.delete(BlobId.parse(blob));
      }
      dropped += orphans.isEmpty() ? 0 : 1;
    }
    return dropped;
  }

  /** Deletes an upload's rows and releases its quota; returns its blobs, to delete after. */
  private static List<String> drop(Handle h, UploadRow upload) {
    UploadDao uploads = h.attach(UploadDao.class);
    List<String> orphans = new java.util.ArrayList<>();
    for (SealedStream s : SealedStream.values()) {
      uploads.parts(upload.id(), s.code()).forEach(p -> orphans.add(p.blobId()));
    }
    uploads.deleteParts(upload.id());
    uploads.delete(upload.id());
    h.attach(WorkspaceDao.class).addUsed(upload.workspaceId(),
        -(upload.contentLength() + upload.originalLength()));
    return orphans;
  }

  /** An upload that can no longer complete, and the blobs it leaves behind. */
  private record Refusal(ConflictException reason, List<String> orphanBlobs) {}

  private void record(Handle h, UploadRow u, boolean first, boolean tombstone) {
    DocumentDao documents = h.attach(DocumentDao.class);
    if (first) {
      documents.insert(new DocumentRow(u.workspaceId(), u.documentId(), u.accountId(),
          u.version(), tombstone));
    } else {
      documents.advance(u.workspaceId(), u.documentId(), u.version(), tombstone);
    }
    documents.insertVersion(new VersionRow(u.workspaceId(), u.documentId(), u.version(),
        u.epoch(), u.id(), u.manifest(), u.signature(), u.metadata(), u.contentLength(),
        u.originalLength()), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    documents.countChange(u.workspaceId());
    events.versionStored(h, u.workspaceId(), u.documentId(), u.version(), first, tombstone);
    if (tombstone) {
      // A removed document is no longer served publicly, and its released key goes.
      PublicationDao publications = h.attach(PublicationDao.class);
      Optional<Long> published = publications.releasedVersion(u.workspaceId(), u.documentId());
      if (published.isPresent()) {
        publications.withdraw(u.workspaceId(), u.documentId());
        audit.observe(h, u.workspaceId(), at -> AuditEvent.ServerObserved.publicWithdrawn(
            WorkspaceId.of(u.workspaceId()), at, DocumentId.of(u.documentId()),
            published.get()));
      }
    }
    h.attach(UploadDao.class).complete(u.id());
  }

  /** The locked workspace and the caller's role in it. */
  private record Writable(WorkspaceRow workspace, Role role) {}

  /** The workspace, locked, after checking the caller may write this manifest's version. */
  private Writable lockWritable(Handle h, Caller caller, DocumentManifest m) {
    byte[] ws = m.workspace().toBytes();
    WorkspaceRow w = h.attach(WorkspaceDao.class).lock(ws).orElseThrow(
        () -> new NotFoundProblemException(WorkspaceService.NOT_FOUND));
    MemberRow member = workspaces.requireMember(h, caller, ws);
    Role role = Role.fromCode(member.role());
    if (!role.writesDocuments()) {
      throw new AccessDeniedException(Text.of("documents.viewers-read-only"));
    }
    if (m.epoch() != w.currentEpoch()) {
      throw new ConflictException(Text.of("documents.epoch-moved-on", w.currentEpoch()));
    }
    if (member.firstEpoch() > m.epoch()) {
      throw new AccessDeniedException(Text.of("documents.no-epoch-key"));
    }
    if (m.membershipSequence() > w.headSequence()) {
      throw new InvalidRequestException("manifest",
          Text.of("documents.manifest-unknown-membership-entry"));
    }
    return new Writable(w, role);
  }

  private static void checkParent(Role role, Caller caller, DocumentManifest m,
      Optional<DocumentRow> current) {
    if (m.version() == 1) {
      if (current.isPresent()) {
        throw new ConflictException(Text.of("documents.document-exists"));
      }
      if (m.kind() == ManifestKind.TOMBSTONE) {
        throw new InvalidRequestException("manifest",
            Text.of("documents.removal-needs-document"));
      }
      return;
    }
    DocumentRow d = current.orElseThrow(
        () -> new NotFoundProblemException(Text.of("documents.no-document")));
    if (d.deleted()) {
      throw new ConflictException(Text.of("documents.document-removed"));
    }
    if (d.currentVersion() != m.parentVersion()) {
      throw new ConflictException(Text.of("documents.parent-not-current", m.parentVersion(),
          d.currentVersion()));
    }
    if (!role.changesOthersDocuments()
        && !Arrays.equals(d.firstAuthorId(), caller.accountId())) {
      throw new AccessDeniedException(Text.of("documents.contributors-own-only"));
    }
  }

  private static long checkSizes(DocumentManifest m, byte[] metadata) {
    if (m.kind() == ManifestKind.TOMBSTONE) {
      if (metadata != null) {
        throw new InvalidRequestException("metadata", Text.of("documents.removal-no-metadata"));
      }
      return 0;
    }
    SealedPart meta = m.metadata().orElseThrow();
    if (metadata == null || metadata.length != meta.sealedLength()
        || !Arrays.equals(Arrays.copyOf(metadata, SealedPart.HEADER_LENGTH), meta.header())) {
      throw new InvalidRequestException("metadata", Text.of("documents.metadata-not-signed"));
    }
    long content = m.content().orElseThrow().sealedLength();
    long original = m.original().map(SealedPart::sealedLength).orElse(0L);
    if (content > MAX_SEALED_BYTES || original > MAX_SEALED_BYTES) {
      throw new PayloadTooLargeException(Text.of("documents.version-too-large"));
    }
    return content + original;
  }

  /** The content must start with the header (salt and key commitment) the manifest signs. */
  private void requireHeader(UploadRow u) throws IOException {
    DocumentManifest m = decode(u.manifest());
    if (m.kind() != ManifestKind.VERSION) {
      return;
    }
    List<PartRow> parts = jdbi.withExtension(UploadDao.class,
        dao -> dao.parts(u.id(), SealedStream.CONTENT.code()));
    byte[] header;
    try (InputStream in = new PartsInputStream(blobs, parts)) {
      header = in.readNBytes(SealedPart.HEADER_LENGTH);
    }
    if (!Arrays.equals(header, m.content().orElseThrow().header())) {
      throw new InvalidRequestException(null, Text.of("documents.header-not-signed"));
    }
  }

  private static DocumentManifest decode(byte[] encoded) {
    try {
      return DocumentManifest.decode(encoded);
    } catch (MalformedManifestException | RuntimeException e) {
      throw new InvalidRequestException("manifest", Text.of("documents.manifest-unknown"));
    }
  }

  private static UploadRow own(Optional<UploadRow> upload, Caller caller) {
    return upload.filter(u -> Arrays.equals(u.accountId(), caller.accountId()))
        .orElseThrow(() -> new NotFoundProblemException(NO_UPLOAD));
  }

  private Status status(Handle h, UploadRow u) {
    UploadDao dao = h.attach(UploadDao.class);
    return status(u, dao.received(u.id(), SealedStream.CONTENT.code()),
        dao.received(u.id(), SealedStream.ORIGINAL.code()), u.completed());
  }

  private static Status status(UploadRow u, long content, long original, boolean complete) {
    return new Status(u.id(), u.version(), u.contentLength(), content, u.originalLength(),
        original, complete);
  }

  /** A size in MiB with one decimal, for a text that says the unit. */
  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
  }
}
