package org.palermo.server.disclosure;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface DisclosureDao {
  @SqlQuery("SELECT entry FROM disclosure_entries WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId ORDER BY sequence")
  List<byte[]> entries(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId);

  @SqlUpdate("INSERT INTO disclosure_entries (workspace_id, document_id, sequence, entry)"
      + " VALUES (:workspaceId, :documentId, :sequence, :entry)")
  void insertEntry(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId, @Bind("sequence") long sequence,
      @Bind("entry") byte[] entry);

  @SqlUpdate("DELETE FROM state_grants WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId")
  void deleteGrants(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId);

  @SqlUpdate("INSERT INTO state_grants (workspace_id, document_id, version, account_id,"
      + " device_id, wrapped) VALUES (:workspaceId, :documentId, :version, :accountId,"
      + " :deviceId, :wrapped)")
  void insertGrant(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId, @Bind("version") long version,
      @Bind("accountId") byte[] accountId, @Bind("deviceId") byte[] deviceId,
      @Bind("wrapped") byte[] wrapped);

  @SqlQuery("SELECT COUNT(*) FROM state_grants WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId")
  int countGrants(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId);
}
