package org.palermo.plugins.example;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.palermo.plugin.api.CoreEvent;

/**
 * Counts of core events per workspace and kind, in the plugin's own schema (its tables are made
 * by {@code palermo-plugin/migration/V1__activity.sql}). Events come at least once: the last
 * sequence seen per workspace makes a repeated one count once.
 */
final class ActivityStore {
  private final DataSource db;

  ActivityStore(DataSource db) {
    this.db = db;
  }

  void record(CoreEvent event) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        long last = 0;
        try (PreparedStatement seen = c.prepareStatement(
            "SELECT last_sequence FROM seen WHERE workspace_id = ? FOR UPDATE")) {
          seen.setString(1, event.workspaceId());
          try (ResultSet r = seen.executeQuery()) {
            if (r.next()) {
              last = r.getLong(1);
            }
          }
        }
        if (event.sequence() > last) {
          try (PreparedStatement count = c.prepareStatement("INSERT INTO activity"
              + " (workspace_id, kind, events) VALUES (?, ?, 1)"
              + " ON DUPLICATE KEY UPDATE events = events + 1");
              PreparedStatement mark = c.prepareStatement("INSERT INTO seen"
                  + " (workspace_id, last_sequence) VALUES (?, ?)"
                  + " ON DUPLICATE KEY UPDATE last_sequence = VALUES(last_sequence)")) {
            count.setString(1, event.workspaceId());
            count.setString(2, event.kind().name());
            count.executeUpdate();
            mark.setString(1, event.workspaceId());
            mark.setLong(2, event.sequence());
            mark.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The workspace's counts by event kind. */
  Map<String, Long> counts(String workspaceId) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(
            "SELECT kind, events FROM activity WHERE workspace_id = ?")) {
      q.setString(1, workspaceId);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return out;
  }
}
