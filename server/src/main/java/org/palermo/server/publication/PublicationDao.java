package org.palermo.server.publication;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface PublicationDao {
  String SELECT = "SELECT r.workspace_id, r.document_id, r.version, v.epoch, v.manifest,"
      + " v.signature, v.metadata, r.document_key, e.entry AS disclosure,"
      + " e.author_account_id AS discloser, r.published_on, w.public_name"
      + " FROM public_releases r"
      + " JOIN documents d ON d.workspace_id = r.workspace_id AND d.id = r.document_id"
      + " JOIN document_versions v ON v.workspace_id = r.workspace_id"
      + " AND v.document_id = r.document_id AND v.version = r.version"
      + " JOIN disclosure_entries e ON e.workspace_id = r.workspace_id"
      + " AND e.document_id = r.document_id AND e.sequence = r.disclosure_sequence"
      + " JOIN workspaces w ON w.id = r.workspace_id WHERE NOT d.deleted";

  @SqlUpdate("INSERT INTO public_releases (workspace_id, document_id, version, document_key,"
      + " disclosure_sequence, published_on) VALUES (:workspaceId, :documentId, :version, :key,"
      + " :sequence, :on) ON DUPLICATE KEY UPDATE version = :version, document_key = :key,"
      + " disclosure_sequence = :sequence, published_on = :on")
  void release(@Bind("workspaceId") byte[] workspaceId, @Bind("documentId") byte[] documentId,
      @Bind("version") long version, @Bind("key") byte[] documentKey,
      @Bind("sequence") long disclosureSequence, @Bind("on") LocalDate on);

  /** The version the document has published now, if any. */
  @SqlQuery("SELECT version FROM public_releases WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId")
  Optional<Long> releasedVersion(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId);

  /** Stops serving the document publicly; true if it was. */
  @SqlUpdate("DELETE FROM public_releases WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId")
  boolean withdraw(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId);

  /** The index: newest first, then by document id, after a cursor (date, document id). */
  @SqlQuery(SELECT + " AND (r.published_on < :beforeOn OR (r.published_on = :beforeOn"
      + " AND r.document_id > :afterId)) ORDER BY r.published_on DESC, r.document_id"
      + " LIMIT :limit")
  @RegisterConstructorMapper(PublicRow.class)
  List<PublicRow> index(@Bind("beforeOn") LocalDate beforeOn, @Bind("afterId") byte[] afterId,
      @Bind("limit") int limit);

  @SqlQuery(SELECT + " AND r.workspace_id = :workspaceId AND r.document_id = :documentId")
  @RegisterConstructorMapper(PublicRow.class)
  Optional<PublicRow> find(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId);

  @SqlUpdate("UPDATE workspaces SET public_name = :name WHERE id = :workspaceId")
  void setPublicName(@Bind("workspaceId") byte[] workspaceId, @Bind("name") String name);

}
