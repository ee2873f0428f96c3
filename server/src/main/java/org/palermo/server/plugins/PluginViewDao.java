package org.palermo.server.plugins;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What plugins' read-only views read: ids, handles, roles, versions. Nothing sealed. */
interface PluginViewDao {
  record MembershipRow(byte[] workspaceId, int role) {}

  record MemberRow(byte[] accountId, String handle, int role) {}

  record DocumentRow(byte[] id, long currentVersion, boolean deleted) {}

  @SqlQuery("SELECT workspace_id, role FROM workspace_members WHERE account_id = :accountId"
      + " ORDER BY workspace_id")
  @RegisterConstructorMapper(MembershipRow.class)
  List<MembershipRow> memberships(@Bind("accountId") byte[] accountId);

  @SqlQuery("SELECT role FROM workspace_members WHERE workspace_id = :workspaceId"
      + " AND account_id = :accountId")
  Optional<Integer> role(@Bind("workspaceId") byte[] workspaceId,
      @Bind("accountId") byte[] accountId);

  @SqlQuery("SELECT m.account_id, a.handle, m.role FROM workspace_members m JOIN accounts a"
      + " ON a.id = m.account_id WHERE m.workspace_id = :workspaceId ORDER BY a.handle")
  @RegisterConstructorMapper(MemberRow.class)
  List<MemberRow> members(@Bind("workspaceId") byte[] workspaceId);

  @SqlQuery("SELECT id, current_version, deleted FROM documents WHERE workspace_id ="
      + " :workspaceId ORDER BY id")
  @RegisterConstructorMapper(DocumentRow.class)
  List<DocumentRow> documents(@Bind("workspaceId") byte[] workspaceId);

  /** Every disclosure entry of the workspace, document by document, oldest first. */
  @SqlQuery("SELECT document_id, entry FROM disclosure_entries WHERE workspace_id ="
      + " :workspaceId ORDER BY document_id, sequence")
  @RegisterConstructorMapper(EntryRow.class)
  List<EntryRow> disclosures(@Bind("workspaceId") byte[] workspaceId);

  record EntryRow(byte[] documentId, byte[] entry) {}
}
