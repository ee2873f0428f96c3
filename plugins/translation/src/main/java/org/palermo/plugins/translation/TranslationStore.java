package org.palermo.plugins.translation;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Language versions and translation requests, in plain JDBC on the plugin's own schema. */
final class TranslationStore {
  /** A translation linked to a version of its source. */
  record Link(String translationId, String workspaceId, String sourceId, long sourceVersion,
      long translationVersion, String sourceLanguage, String language, String machineEngine,
      String linkedBy, Instant linkedAt) {}

  /** A request for a translation into one language. */
  record Request(String id, String workspaceId, String sourceId, long sourceVersion,
      String language, LocalDate dueOn, String assignee, String status, String translationId,
      String requestedBy, Instant requestedAt) {}

  private final DataSource db;

  TranslationStore(DataSource db) {
    this.db = db;
  }

  /** Links or re-links a translation (a new source version, a new translation version). */
  void link(Link l) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
        "INSERT INTO language_versions (translation_id, workspace_id, source_id, source_version,"
            + " translation_version, source_language, language, machine_engine, linked_by,"
            + " linked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
            + " source_version = VALUES(source_version),"
            + " translation_version = VALUES(translation_version),"
            + " source_language = VALUES(source_language), language = VALUES(language),"
            + " machine_engine = VALUES(machine_engine), linked_by = VALUES(linked_by),"
            + " linked_at = VALUES(linked_at)")) {
      u.setString(1, l.translationId());
      u.setString(2, l.workspaceId());
      u.setString(3, l.sourceId());
      u.setLong(4, l.sourceVersion());
      u.setLong(5, l.translationVersion());
      u.setString(6, l.sourceLanguage());
      u.setString(7, l.language());
      u.setString(8, l.machineEngine());
      u.setString(9, l.linkedBy());
      u.setTimestamp(10, Timestamp.from(l.linkedAt()));
      u.executeUpdate();
    }
  }

  Optional<Link> link(String workspaceId, String translationId) throws SQLException {
    List<Link> found = links("SELECT * FROM language_versions WHERE workspace_id = ?"
        + " AND translation_id = ?", workspaceId, translationId);
    return found.stream().findFirst();
  }

  List<Link> links(String workspaceId) throws SQLException {
    return links("SELECT * FROM language_versions WHERE workspace_id = ?"
        + " ORDER BY source_id, language, linked_at", workspaceId);
  }

  /** Whether the document is itself linked as some document's translation. */
  boolean isTranslation(String workspaceId, String documentId) throws SQLException {
    return link(workspaceId, documentId).isPresent();
  }

  void unlink(String workspaceId, String translationId) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
        "DELETE FROM language_versions WHERE workspace_id = ? AND translation_id = ?")) {
      u.setString(1, workspaceId);
      u.setString(2, translationId);
      u.executeUpdate();
    }
  }

  private List<Link> links(String sql, String... args) throws SQLException {
    List<Link> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setString(i + 1, args[i]);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(new Link(r.getString("translation_id"), r.getString("workspace_id"),
              r.getString("source_id"), r.getLong("source_version"),
              r.getLong("translation_version"), r.getString("source_language"),
              r.getString("language"), r.getString("machine_engine"), r.getString("linked_by"),
              r.getTimestamp("linked_at").toInstant()));
        }
      }
    }
    return out;
  }

  void add(Request r) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
        "INSERT INTO requests (id, workspace_id, source_id, source_version, language, due_on,"
            + " assignee, status, translation_id, requested_by, requested_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      u.setString(1, r.id());
      u.setString(2, r.workspaceId());
      u.setString(3, r.sourceId());
      u.setLong(4, r.sourceVersion());
      u.setString(5, r.language());
      u.setDate(6, Date.valueOf(r.dueOn()));
      u.setString(7, r.assignee());
      u.setString(8, r.status());
      u.setString(9, r.translationId());
      u.setString(10, r.requestedBy());
      u.setTimestamp(11, Timestamp.from(r.requestedAt()));
      u.executeUpdate();
    }
  }

  List<Request> requests(String workspaceId) throws SQLException {
    return requests("SELECT * FROM requests WHERE workspace_id = ? ORDER BY due_on, language, id",
        workspaceId);
  }

  Optional<Request> request(String workspaceId, String id) throws SQLException {
    return requests("SELECT * FROM requests WHERE workspace_id = ? AND id = ?", workspaceId, id)
        .stream().findFirst();
  }

  void setStatus(String id, String status, String translationId) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
        "UPDATE requests SET status = ?, translation_id = COALESCE(?, translation_id)"
            + " WHERE id = ?")) {
      u.setString(1, status);
      u.setString(2, translationId);
      u.setString(3, id);
      u.executeUpdate();
    }
  }

  /** Open requests for the source in the language are done by the linked translation. */
  int fulfil(String workspaceId, String sourceId, String language, String translationId)
      throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
        "UPDATE requests SET status = 'done', translation_id = ? WHERE workspace_id = ?"
            + " AND source_id = ? AND language = ? AND status IN ('open', 'in-progress')")) {
      u.setString(1, translationId);
      u.setString(2, workspaceId);
      u.setString(3, sourceId);
      u.setString(4, language);
      return u.executeUpdate();
    }
  }

  private List<Request> requests(String sql, String... args) throws SQLException {
    List<Request> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setString(i + 1, args[i]);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(new Request(r.getString("id"), r.getString("workspace_id"),
              r.getString("source_id"), r.getLong("source_version"), r.getString("language"),
              r.getDate("due_on").toLocalDate(), r.getString("assignee"), r.getString("status"),
              r.getString("translation_id"), r.getString("requested_by"),
              r.getTimestamp("requested_at").toInstant()));
        }
      }
    }
    return out;
  }
}
