package org.palermo.server.documents;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(DocumentRow.class)
@RegisterConstructorMapper(VersionRow.class)
@RegisterConstructorMapper(ListState.class)
public interface DocumentDao {
  String VERSION_COLUMNS = "v.workspace_id, v.document_id, v.version, v.epoch, v.upload_id,"
      + " v.manifest, v.signature, v.metadata, v.content_length, v.original_length";

  @SqlQuery("SELECT workspace_id, id, first_author_id, current_version, deleted FROM documents"
      + " WHERE workspace_id = :workspaceId AND id = :id FOR UPDATE")
  Optional<DocumentRow> lock(@Bind("workspaceId") byte[] workspaceId, @Bind("id") byte[] id);

  @SqlQuery("SELECT workspace_id, id, first_author_id, current_version, deleted FROM documents"
      + " WHERE workspace_id = :workspaceId AND id = :id")
  Optional<DocumentRow> find(@Bind("workspaceId") byte[] workspaceId, @Bind("id") byte[] id);

  @SqlUpdate("INSERT INTO documents (workspace_id, id, first_author_id, current_version,"
      + " deleted) VALUES (:workspaceId, :id, :firstAuthorId, :currentVersion, :deleted)")
  void insert(@BindMethods DocumentRow row);

  @SqlUpdate("UPDATE documents SET current_version = :version, deleted = :deleted"
      + " WHERE workspace_id = :workspaceId AND id = :id")
  void advance(@Bind("workspaceId") byte[] workspaceId, @Bind("id") byte[] id,
      @Bind("version") long version, @Bind("deleted") boolean deleted);

  @SqlUpdate("INSERT INTO document_versions (workspace_id, document_id, version, epoch,"
      + " upload_id, manifest, signature, metadata, content_length, original_length,"
      + " created_on) VALUES (:workspaceId, :documentId, :version, :epoch, :uploadId,"
      + " :manifest, :signature, :metadata, :contentLength, :originalLength, :createdOn)")
  void insertVersion(@BindMethods VersionRow row, @Bind("createdOn") java.time.LocalDate on);

  /** A member's first readable epoch and the workspace's document revision. */
  @SqlQuery("SELECT m.first_epoch, w.documents_revision AS revision FROM workspace_members m"
      + " JOIN workspaces w ON w.id = m.workspace_id"
      + " WHERE m.workspace_id = :workspaceId AND m.account_id = :accountId")
  Optional<ListState> listState(@Bind("workspaceId") byte[] workspaceId,
      @Bind("accountId") byte[] accountId);

  /** Counts a change to the workspace's list, in the transaction that makes it. */
  @SqlUpdate("UPDATE workspaces SET documents_revision = documents_revision + 1"
      + " WHERE id = :workspaceId")
  void countChange(@Bind("workspaceId") byte[] workspaceId);

  /** The current versions of a workspace's documents (not removed), in id order, by page. */
  @SqlQuery("SELECT " + VERSION_COLUMNS + " FROM documents d JOIN document_versions v"
      + " ON v.workspace_id = d.workspace_id AND v.document_id = d.id"
      + " AND v.version = d.current_version"
      + " WHERE d.workspace_id = :workspaceId AND d.id > :after AND NOT d.deleted"
      + " AND v.epoch >= :firstEpoch ORDER BY d.id LIMIT :limit")
  List<VersionRow> current(@Bind("workspaceId") byte[] workspaceId, @Bind("after") byte[] after,
      @Bind("firstEpoch") long firstEpoch, @Bind("limit") int limit);

  @SqlQuery("SELECT " + VERSION_COLUMNS + " FROM document_versions v"
      + " WHERE v.workspace_id = :workspaceId AND v.document_id = :documentId"
      + " ORDER BY v.version")
  List<VersionRow> versions(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId);

  /** Whether that version's key was wrapped to the account (a State it was disclosed to). */
  @SqlQuery("SELECT COUNT(*) > 0 FROM state_grants WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId AND version = :version AND account_id = :accountId")
  boolean granted(@Bind("workspaceId") byte[] workspaceId, @Bind("documentId") byte[] documentId,
      @Bind("version") long version, @Bind("accountId") byte[] accountId);

  /** Whether the account never fetched that granted version yet. */
  @SqlQuery("SELECT COUNT(*) > 0 FROM state_grants WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId AND version = :version AND account_id = :accountId"
      + " AND first_fetched_on IS NULL")
  boolean neverFetched(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId, @Bind("version") long version,
      @Bind("accountId") byte[] accountId);

  /** Notes the day of the first fetch; 1 if this was it, 0 if it was noted before. */
  @SqlUpdate("UPDATE state_grants SET first_fetched_on = :on WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId AND version = :version AND account_id = :accountId"
      + " AND first_fetched_on IS NULL")
  int markFetched(@Bind("workspaceId") byte[] workspaceId, @Bind("documentId") byte[] documentId,
      @Bind("version") long version, @Bind("accountId") byte[] accountId,
      @Bind("on") java.time.LocalDate on);

  @SqlQuery("SELECT " + VERSION_COLUMNS + " FROM document_versions v"
      + " WHERE v.workspace_id = :workspaceId AND v.document_id = :documentId"
      + " AND v.version = :version")
  Optional<VersionRow> version(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId, @Bind("version") long version);
}
