package org.palermo.server.audit;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface AuditDao {
  @SqlQuery("SELECT entry FROM audit_entries WHERE workspace_id = :workspaceId"
      + " ORDER BY sequence")
  List<byte[]> entries(@Bind("workspaceId") byte[] workspaceId);

  @SqlQuery("SELECT entry FROM audit_entries WHERE workspace_id = :workspaceId"
      + " AND sequence >= :from ORDER BY sequence")
  List<byte[]> entriesFrom(@Bind("workspaceId") byte[] workspaceId, @Bind("from") long from);

  @SqlQuery("SELECT COUNT(*) FROM audit_entries WHERE workspace_id = :workspaceId")
  long count(@Bind("workspaceId") byte[] workspaceId);

  /** The newest entry, as stored. */
  @SqlQuery("SELECT entry FROM audit_entries WHERE workspace_id = :workspaceId"
      + " ORDER BY sequence DESC LIMIT 1")
  java.util.Optional<byte[]> last(@Bind("workspaceId") byte[] workspaceId);

  @SqlUpdate("INSERT INTO audit_entries (workspace_id, sequence, entry)"
      + " VALUES (:workspaceId, :sequence, :entry)")
  void insert(@Bind("workspaceId") byte[] workspaceId, @Bind("sequence") long sequence,
      @Bind("entry") byte[] entry);
}
