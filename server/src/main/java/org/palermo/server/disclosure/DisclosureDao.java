package org.palermo.server.disclosure;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface DisclosureDao {
  @SqlQuery("SELECT entry FROM disclosure_entries WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId ORDER BY sequence")
  List<byte[]> entries(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId);

  @SqlUpdate("INSERT INTO disclosure_entries (workspace_id, document_id, sequence, entry,"
      + " author_account_id) VALUES (:workspaceId, :documentId, :sequence, :entry, :author)")
  void insertEntry(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId, @Bind("sequence") long sequence,
      @Bind("entry") byte[] entry, @Bind("author") byte[] authorAccountId);

  @SqlUpdate("DELETE FROM state_grants WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId")
  void deleteGrants(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId);

  @SqlUpdate("INSERT INTO state_grants (workspace_id, document_id, version, account_id,"
      + " device_id, wrapped, disclosure_sequence) VALUES (:workspaceId, :documentId, :version,"
      + " :accountId, :deviceId, :wrapped, :disclosureSequence)")
  void insertGrant(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId, @Bind("version") long version,
      @Bind("accountId") byte[] accountId, @Bind("deviceId") byte[] deviceId,
      @Bind("wrapped") byte[] wrapped, @Bind("disclosureSequence") long disclosureSequence);

  /**
   * What has been disclosed to one account: each granted version with its signed manifest,
   * sealed metadata, the wrapped key, and the disclosure entry that granted it with its author.
   */
  @SqlQuery("SELECT g.workspace_id, g.document_id, g.version, v.epoch, v.manifest, v.signature,"
      + " v.metadata, g.device_id, g.wrapped, e.entry AS disclosure, e.author_account_id AS"
      + " discloser FROM state_grants g JOIN document_versions v"
      + " ON v.workspace_id = g.workspace_id AND v.document_id = g.document_id"
      + " AND v.version = g.version"
      + " JOIN disclosure_entries e ON e.workspace_id = g.workspace_id"
      + " AND e.document_id = g.document_id AND e.sequence = g.disclosure_sequence"
      + " WHERE g.account_id = :accountId ORDER BY g.workspace_id, g.document_id")
  @RegisterConstructorMapper(DisclosedRow.class)
  List<DisclosedRow> disclosedTo(@Bind("accountId") byte[] accountId);

  /** The workspace's documents that have a disclosure log. */
  @SqlQuery("SELECT DISTINCT document_id FROM disclosure_entries WHERE workspace_id ="
      + " :workspaceId ORDER BY document_id")
  List<byte[]> disclosedDocuments(@Bind("workspaceId") byte[] workspaceId);

  /** The accounts holding a grant for that version of the document. */
  @SqlQuery("SELECT account_id FROM state_grants WHERE workspace_id = :workspaceId"
      + " AND document_id = :documentId AND version = :version")
  List<byte[]> grantedAccounts(@Bind("workspaceId") byte[] workspaceId,
      @Bind("documentId") byte[] documentId, @Bind("version") long version);
}
