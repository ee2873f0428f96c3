package org.palermo.plugins.checklist;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/** Profiles and checklists in the plugin's own schema. */
final class ChecklistStore {
  /** An item as stored, before the reference data gives it a label. */
  record Row(String item, int position, String instrument, String status, List<String> assignees,
      List<String> documents, String notes, String updatedBy, String updatedOn) {}

  private final DataSource db;

  ChecklistStore(DataSource db) {
    this.db = db;
  }

  Optional<ReviewProfile> profile(String workspaceId) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT state, instruments, party_to_uncac, review_group, start_year FROM profiles"
            + " WHERE workspace_id = ?")) {
      q.setString(1, workspaceId);
      try (ResultSet r = q.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new ReviewProfile(r.getString(1),
            new HashSet<>(Arrays.asList(r.getString(2).split(","))), r.getBoolean(3),
            r.getInt(4), r.getInt(5)));
      }
    }
  }

  void saveProfile(String workspaceId, ReviewProfile p, String by, LocalDate on)
      throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
        "INSERT INTO profiles (workspace_id, state, instruments, party_to_uncac, review_group,"
            + " start_year, updated_by, updated_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE state = VALUES(state), instruments = VALUES(instruments),"
            + " party_to_uncac = VALUES(party_to_uncac), review_group = VALUES(review_group),"
            + " start_year = VALUES(start_year), updated_by = VALUES(updated_by),"
            + " updated_on = VALUES(updated_on)")) {
      u.setString(1, workspaceId);
      u.setString(2, p.state());
      u.setString(3, String.join(",", new TreeSet<>(p.instruments())));
      u.setBoolean(4, p.partyToUncac());
      u.setInt(5, p.group());
      u.setInt(6, p.startYear());
      u.setString(7, by);
      u.setDate(8, Date.valueOf(on));
      u.executeUpdate();
    }
  }

  /** A new checklist's items, all not started; false when the checklist exists. */
  boolean create(String workspaceId, String checklist, List<String[]> items) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM items WHERE"
          + " workspace_id = ? AND checklist = ? LIMIT 1 FOR UPDATE")) {
        exists.setString(1, workspaceId);
        exists.setString(2, checklist);
        try (ResultSet r = exists.executeQuery()) {
          if (r.next()) {
            c.rollback();
            return false;
          }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (workspace_id,"
            + " checklist, item, position, instrument, status) VALUES (?, ?, ?, ?, ?,"
            + " 'not-started')")) {
          int position = 0;
          for (String[] item : items) {
            insert.setString(1, workspaceId);
            insert.setString(2, checklist);
            insert.setString(3, item[0]);
            insert.setInt(4, position++);
            insert.setString(5, item[1]);
            insert.addBatch();
          }
          insert.executeBatch();
        }
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The checklist's items in order; empty when it does not exist. */
  List<Row> items(String workspaceId, String checklist) throws SQLException {
    Map<String, List<String>> assignees = links(workspaceId, checklist, "item_assignees",
        "account_id");
    Map<String, List<String>> documents = links(workspaceId, checklist, "item_documents",
        "document_id");
    List<Row> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT item, position, instrument, status, notes, updated_by, updated_on FROM items"
            + " WHERE workspace_id = ? AND checklist = ? ORDER BY position")) {
      q.setString(1, workspaceId);
      q.setString(2, checklist);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          String item = r.getString(1);
          Date on = r.getDate(7);
          out.add(new Row(item, r.getInt(2), r.getString(3), r.getString(4),
              assignees.getOrDefault(item, List.of()), documents.getOrDefault(item, List.of()),
              r.getString(5), r.getString(6), on == null ? null : on.toLocalDate().toString()));
        }
      }
    }
    return out;
  }

  private Map<String, List<String>> links(String workspaceId, String checklist, String table,
      String column) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT item, " + column + " FROM " + table + " WHERE workspace_id = ?"
            + " AND checklist = ? ORDER BY item, " + column)) {
      q.setString(1, workspaceId);
      q.setString(2, checklist);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
        }
      }
    }
    return out;
  }

  /** The new state of one item, written at once; what is null stays as it is. */
  record Change(String status, Set<String> assignees, Set<String> documents, String notes,
      boolean clearNotes) {}

  /**
   * Writes the change and marks the audit entry that vouched for it as used, together; false
   * (nothing written) when that entry was used before.
   */
  boolean update(String workspaceId, String checklist, String item, Change change,
      long auditSequence, String by, LocalDate on) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement used = c.prepareStatement("INSERT IGNORE INTO audited"
            + " (workspace_id, sequence) VALUES (?, ?)")) {
          used.setString(1, workspaceId);
          used.setLong(2, auditSequence);
          if (used.executeUpdate() == 0) {
            c.rollback();
            return false;
          }
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE items SET"
            + " status = COALESCE(?, status),"
            + " notes = CASE WHEN ? THEN NULL ELSE COALESCE(?, notes) END,"
            + " updated_by = ?, updated_on = ? WHERE workspace_id = ? AND checklist = ?"
            + " AND item = ?")) {
          u.setString(1, change.status());
          u.setBoolean(2, change.clearNotes());
          u.setString(3, change.notes());
          u.setString(4, by);
          u.setDate(5, Date.valueOf(on));
          u.setString(6, workspaceId);
          u.setString(7, checklist);
          u.setString(8, item);
          u.executeUpdate();
        }
        replace(c, "item_assignees", "account_id", workspaceId, checklist, item,
            change.assignees());
        replace(c, "item_documents", "document_id", workspaceId, checklist, item,
            change.documents());
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void replace(Connection c, String table, String column, String workspaceId,
      String checklist, String item, Set<String> values) throws SQLException {
    if (values == null) {
      return;
    }
    try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table
        + " WHERE workspace_id = ? AND checklist = ? AND item = ?")) {
      d.setString(1, workspaceId);
      d.setString(2, checklist);
      d.setString(3, item);
      d.executeUpdate();
    }
    try (PreparedStatement i = c.prepareStatement("INSERT INTO " + table
        + " (workspace_id, checklist, item, " + column + ") VALUES (?, ?, ?, ?)")) {
      for (String v : values) {
        i.setString(1, workspaceId);
        i.setString(2, checklist);
        i.setString(3, item);
        i.setString(4, v);
        i.addBatch();
      }
      i.executeBatch();
    }
  }
}
