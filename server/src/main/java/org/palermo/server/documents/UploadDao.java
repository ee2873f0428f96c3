package org.palermo.server.documents;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(UploadRow.class)
@RegisterConstructorMapper(PartRow.class)
public interface UploadDao {
  String COLUMNS = "id, workspace_id, document_id, version, epoch, account_id, manifest,"
      + " signature, metadata, content_length, original_length, created_at, completed";

  @SqlUpdate("INSERT INTO uploads (" + COLUMNS + ") VALUES (:id, :workspaceId, :documentId,"
      + " :version, :epoch, :accountId, :manifest, :signature, :metadata, :contentLength,"
      + " :originalLength, :createdAt, :completed)")
  void insert(@BindMethods UploadRow row);

  @SqlQuery("SELECT " + COLUMNS + " FROM uploads WHERE id = :id")
  Optional<UploadRow> find(@Bind("id") byte[] id);

  @SqlQuery("SELECT " + COLUMNS + " FROM uploads WHERE id = :id FOR UPDATE")
  Optional<UploadRow> lock(@Bind("id") byte[] id);

  @SqlUpdate("UPDATE uploads SET completed = TRUE WHERE id = :id")
  void complete(@Bind("id") byte[] id);

  @SqlUpdate("INSERT INTO upload_parts (upload_id, stream, start, length, blob_id)"
      + " VALUES (:uploadId, :stream, :start, :length, :blobId)")
  void insertPart(@BindMethods PartRow row);

  @SqlQuery("SELECT upload_id, stream, start, length, blob_id FROM upload_parts"
      + " WHERE upload_id = :uploadId AND stream = :stream ORDER BY start")
  List<PartRow> parts(@Bind("uploadId") byte[] uploadId, @Bind("stream") int stream);

  @SqlQuery("SELECT COALESCE(SUM(length), 0) FROM upload_parts"
      + " WHERE upload_id = :uploadId AND stream = :stream")
  long received(@Bind("uploadId") byte[] uploadId, @Bind("stream") int stream);

  @SqlUpdate("DELETE FROM upload_parts WHERE upload_id = :uploadId")
  void deleteParts(@Bind("uploadId") byte[] uploadId);

  @SqlUpdate("DELETE FROM uploads WHERE id = :id")
  void delete(@Bind("id") byte[] id);

  /** Uploads never completed that began before {@code cutoff}, oldest first, a batch at most. */
  @SqlQuery("SELECT id FROM uploads WHERE NOT completed AND created_at < :cutoff"
      + " ORDER BY created_at LIMIT 100")
  List<byte[]> abandoned(@Bind("cutoff") java.time.Instant cutoff);
}
