package org.palermo.server.workspaces;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(WorkspaceRow.class)
@RegisterConstructorMapper(MemberRow.class)
@RegisterConstructorMapper(InvitationRow.class)
@RegisterConstructorMapper(WorkspaceSummaryRow.class)
@RegisterConstructorMapper(SealedNameRow.class)
public interface WorkspaceDao {
  String COLUMNS = "id, head_sequence, head_hash, current_epoch, quota_bytes, used_bytes,"
      + " created_on";

  /** False when the id is taken. */
  @SqlUpdate("INSERT IGNORE INTO workspaces (" + COLUMNS + ") VALUES (:id, :headSequence,"
      + " :headHash, :currentEpoch, :quotaBytes, :usedBytes, :createdOn)")
  boolean insert(@BindMethods WorkspaceRow row);

  @SqlQuery("SELECT " + COLUMNS + " FROM workspaces WHERE id = :id")
  Optional<WorkspaceRow> find(@Bind("id") byte[] id);

  /** The row, locked until the transaction ends: membership changes and quotas go one by one. */
  @SqlQuery("SELECT " + COLUMNS + " FROM workspaces WHERE id = :id FOR UPDATE")
  Optional<WorkspaceRow> lock(@Bind("id") byte[] id);

  @SqlUpdate("UPDATE workspaces SET head_sequence = :sequence, head_hash = :hash,"
      + " current_epoch = :epoch WHERE id = :id")
  void updateHead(@Bind("id") byte[] id, @Bind("sequence") long sequence,
      @Bind("hash") byte[] hash, @Bind("epoch") long epoch);

  @SqlUpdate("UPDATE workspaces SET used_bytes = used_bytes + :delta WHERE id = :id")
  void addUsed(@Bind("id") byte[] id, @Bind("delta") long delta);

  @SqlUpdate("INSERT INTO membership_entries (workspace_id, sequence, entry)"
      + " VALUES (:workspaceId, :sequence, :entry)")
  void insertEntry(@Bind("workspaceId") byte[] workspaceId, @Bind("sequence") long sequence,
      @Bind("entry") byte[] entry);

  @SqlQuery("SELECT entry FROM membership_entries WHERE workspace_id = :workspaceId"
      + " ORDER BY sequence")
  List<byte[]> entries(@Bind("workspaceId") byte[] workspaceId);

  @SqlQuery("SELECT workspace_id, account_id, role, first_epoch FROM workspace_members"
      + " WHERE workspace_id = :workspaceId AND account_id = :accountId")
  Optional<MemberRow> member(@Bind("workspaceId") byte[] workspaceId,
      @Bind("accountId") byte[] accountId);

  @SqlUpdate("DELETE FROM workspace_members WHERE workspace_id = :workspaceId")
  void deleteMembers(@Bind("workspaceId") byte[] workspaceId);

  @SqlUpdate("INSERT INTO workspace_members (workspace_id, account_id, role, first_epoch)"
      + " VALUES (:workspaceId, :accountId, :role, :firstEpoch)")
  void insertMember(@BindMethods MemberRow row);

  @SqlQuery("SELECT w.id, m.role, w.head_sequence, w.current_epoch FROM workspace_members m"
      + " JOIN workspaces w ON w.id = m.workspace_id WHERE m.account_id = :accountId"
      + " ORDER BY w.id")
  List<WorkspaceSummaryRow> workspacesOf(@Bind("accountId") byte[] accountId);

  @SqlUpdate("DELETE FROM invitations WHERE workspace_id = :workspaceId")
  void deleteInvitations(@Bind("workspaceId") byte[] workspaceId);

  @SqlUpdate("INSERT INTO invitations (id, workspace_id, invitee_account_id, role)"
      + " VALUES (:id, :workspaceId, :inviteeAccountId, :role)")
  void insertInvitation(@BindMethods InvitationRow row);

  @SqlQuery("SELECT id, workspace_id, invitee_account_id, role FROM invitations"
      + " WHERE invitee_account_id = :accountId ORDER BY id")
  List<InvitationRow> invitationsFor(@Bind("accountId") byte[] accountId);

  @SqlQuery("SELECT id, workspace_id, invitee_account_id, role FROM invitations"
      + " WHERE workspace_id = :workspaceId AND invitee_account_id = :accountId")
  Optional<InvitationRow> invitationOf(@Bind("workspaceId") byte[] workspaceId,
      @Bind("accountId") byte[] accountId);

  @SqlUpdate("REPLACE INTO workspace_names (workspace_id, epoch, sealed_name)"
      + " VALUES (:workspaceId, :epoch, :sealedName)")
  void putName(@Bind("workspaceId") byte[] workspaceId, @Bind("epoch") long epoch,
      @Bind("sealedName") byte[] sealedName);

  @SqlQuery("SELECT epoch, sealed_name FROM workspace_names WHERE workspace_id = :workspaceId"
      + " AND epoch >= :firstEpoch ORDER BY epoch")
  List<SealedNameRow> names(@Bind("workspaceId") byte[] workspaceId,
      @Bind("firstEpoch") long firstEpoch);
}
