package org.palermo.server.events;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The outbox of core events, and where each plugin stands in it, per workspace. */
@RegisterConstructorMapper(EventRow.class)
public interface EventDao {
  @SqlUpdate("INSERT INTO plugin_events (workspace_id, kind, document_id, version, account_id,"
      + " level, occurred_at) VALUES (:workspaceId, :kind, :documentId, :version, :accountId,"
      + " :level, :occurredAt)")
  void append(@Bind("workspaceId") byte[] workspaceId, @Bind("kind") String kind,
      @Bind("documentId") byte[] documentId, @Bind("version") long version,
      @Bind("accountId") byte[] accountId, @Bind("level") String level,
      @Bind("occurredAt") LocalDateTime occurredAt);

  /** Moves the workspace's head to the event just appended (in the same transaction). */
  @SqlUpdate("INSERT INTO plugin_event_heads (workspace_id, last_sequence)"
      + " VALUES (:workspaceId, LAST_INSERT_ID())"
      + " ON DUPLICATE KEY UPDATE last_sequence = VALUES(last_sequence)")
  void advanceHead(@Bind("workspaceId") byte[] workspaceId);

  @SqlQuery("SELECT COALESCE(MAX(sequence), 0) FROM plugin_events")
  long last();

  @SqlUpdate("INSERT IGNORE INTO plugin_event_subscribers (plugin_id, from_sequence)"
      + " VALUES (:pluginId, :from)")
  void subscribe(@Bind("pluginId") String pluginId, @Bind("from") long from);

  @SqlQuery("SELECT from_sequence FROM plugin_event_subscribers WHERE plugin_id = :pluginId")
  long subscribedFrom(@Bind("pluginId") String pluginId);

  /**
   * Workspaces with events the plugin has not had yet, whose next try is due and that no node
   * holds now.
   */
  @SqlQuery("SELECT h.workspace_id FROM plugin_event_heads h"
      + " LEFT JOIN plugin_event_cursors c ON c.plugin_id = :pluginId"
      + " AND c.workspace_id = h.workspace_id"
      + " WHERE h.last_sequence > COALESCE(c.delivered, :from)"
      + " AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= NOW(3))"
      + " AND (c.leased_until IS NULL OR c.leased_until <= NOW(3))"
      + " ORDER BY COALESCE(c.delivered, :from) LIMIT :limit")
  List<byte[]> due(@Bind("pluginId") String pluginId, @Bind("from") long from,
      @Bind("limit") int limit);

  @SqlUpdate("INSERT IGNORE INTO plugin_event_cursors (plugin_id, workspace_id, delivered)"
      + " VALUES (:pluginId, :workspaceId, :from)")
  void ensureCursor(@Bind("pluginId") String pluginId, @Bind("workspaceId") byte[] workspaceId,
      @Bind("from") long from);

  /**
   * Takes (or, for the node holding it, extends) the workspace's delivery for this plugin for
   * {@code millis}, by the database's clock; 1 when this node holds it.
   */
  @SqlUpdate("UPDATE plugin_event_cursors"
      + " SET leased_until = NOW(3) + INTERVAL :millis * 1000 MICROSECOND, lease_holder = :holder"
      + " WHERE plugin_id = :pluginId AND workspace_id = :workspaceId"
      + " AND (leased_until IS NULL OR leased_until <= NOW(3) OR lease_holder = :holder)")
  int lease(@Bind("pluginId") String pluginId, @Bind("workspaceId") byte[] workspaceId,
      @Bind("holder") byte[] holder, @Bind("millis") long millis);

  @SqlUpdate("UPDATE plugin_event_cursors SET leased_until = NULL, lease_holder = NULL"
      + " WHERE plugin_id = :pluginId AND workspace_id = :workspaceId AND lease_holder = :holder")
  void release(@Bind("pluginId") String pluginId, @Bind("workspaceId") byte[] workspaceId,
      @Bind("holder") byte[] holder);

  @SqlQuery("SELECT delivered FROM plugin_event_cursors"
      + " WHERE plugin_id = :pluginId AND workspace_id = :workspaceId")
  Optional<Long> delivered(@Bind("pluginId") String pluginId,
      @Bind("workspaceId") byte[] workspaceId);

  @SqlQuery("SELECT failures FROM plugin_event_cursors"
      + " WHERE plugin_id = :pluginId AND workspace_id = :workspaceId")
  int failures(@Bind("pluginId") String pluginId, @Bind("workspaceId") byte[] workspaceId);

  @SqlQuery("SELECT sequence, workspace_id, kind, document_id, version, account_id, level,"
      + " occurred_at FROM plugin_events WHERE workspace_id = :workspaceId"
      + " AND sequence > :after ORDER BY sequence LIMIT :limit")
  List<EventRow> after(@Bind("workspaceId") byte[] workspaceId, @Bind("after") long after,
      @Bind("limit") int limit);

  /**
   * Moves the cursor to the workspace's head when its undelivered events are gone (older than
   * the retention), only while this node holds the workspace.
   */
  @SqlUpdate("UPDATE plugin_event_cursors c JOIN plugin_event_heads h"
      + " ON h.workspace_id = c.workspace_id SET c.delivered = h.last_sequence, c.failures = 0,"
      + " c.next_attempt_at = NULL WHERE c.plugin_id = :pluginId"
      + " AND c.workspace_id = :workspaceId AND c.lease_holder = :holder")
  int skipToHead(@Bind("pluginId") String pluginId, @Bind("workspaceId") byte[] workspaceId,
      @Bind("holder") byte[] holder);

  /** Records a delivery (or a dead letter), only while this node holds the workspace. */
  @SqlUpdate("UPDATE plugin_event_cursors SET delivered = :sequence, failures = 0,"
      + " next_attempt_at = NULL WHERE plugin_id = :pluginId AND workspace_id = :workspaceId"
      + " AND lease_holder = :holder")
  int advance(@Bind("pluginId") String pluginId, @Bind("workspaceId") byte[] workspaceId,
      @Bind("holder") byte[] holder, @Bind("sequence") long sequence);

  /** Records a failed try and when to try again ({@code pauseMillis} from now, database time). */
  @SqlUpdate("UPDATE plugin_event_cursors SET failures = :failures,"
      + " next_attempt_at = NOW(3) + INTERVAL :pauseMillis * 1000 MICROSECOND"
      + " WHERE plugin_id = :pluginId AND workspace_id = :workspaceId"
      + " AND lease_holder = :holder")
  int failed(@Bind("pluginId") String pluginId, @Bind("workspaceId") byte[] workspaceId,
      @Bind("holder") byte[] holder, @Bind("failures") int failures,
      @Bind("pauseMillis") long pauseMillis);

  @SqlUpdate("INSERT IGNORE INTO plugin_dead_letters (plugin_id, sequence, failures, reason,"
      + " failed_at) VALUES (:pluginId, :sequence, :failures, :reason, :failedAt)")
  void deadLetter(@Bind("pluginId") String pluginId, @Bind("sequence") long sequence,
      @Bind("failures") int failures, @Bind("reason") String reason,
      @Bind("failedAt") LocalDateTime failedAt);

  /** A dead letter as the operator sees it. */
  record DeadLetter(long sequence, String kind, int failures, String reason,
      LocalDateTime failedAt) {}

  @SqlQuery("SELECT d.sequence, COALESCE(e.kind, '') AS kind, d.failures, d.reason, d.failed_at"
      + " FROM plugin_dead_letters d LEFT JOIN plugin_events e ON e.sequence = d.sequence"
      + " WHERE d.plugin_id = :pluginId ORDER BY d.sequence DESC LIMIT :limit")
  @RegisterConstructorMapper(DeadLetter.class)
  List<DeadLetter> deadLetters(@Bind("pluginId") String pluginId, @Bind("limit") int limit);

  @SqlQuery("SELECT COUNT(*) FROM plugin_dead_letters WHERE plugin_id = :pluginId")
  long deadLetterCount(@Bind("pluginId") String pluginId);

  /** Deletes up to {@code limit} events older than {@code before}; how many it deleted. */
  @SqlUpdate("DELETE FROM plugin_events WHERE occurred_at < :before LIMIT :limit")
  int prune(@Bind("before") LocalDateTime before, @Bind("limit") int limit);
}
