package org.palermo.plugins.dialogue;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Dialogues, registrations, objections and each registration's history, in plain JDBC. */
final class DialogueStore {
  record Dialogue(String id, String workingGroup, LocalDate day, int minimum, String status,
      String summary) {}

  record Registration(String workspaceId, String organization, String status,
      LocalDate registeredOn, String comments, List<String> representatives) {}

  /** An objection; its day as YYYY-MM-DD (UTC). */
  record Objection(String state, String reason, String madeOn) {}

  /** A change of a registration's status as a reader sees it; its day as YYYY-MM-DD (UTC). */
  record Change(String status, String note, String on) {}

  /**
   * A history line's text: in English as written, and its key in the plugin's bundle with the
   * Bureau's reason as its argument (lines written before keys were kept have neither).
   */
  record Note(String english, String key, String reason) {}

  /** A change of a registration's status as stored. */
  record Line(String status, Note note, String on) {}

  private final DataSource db;

  DialogueStore(DataSource db) {
    this.db = db;
  }

  void create(Dialogue d, String by) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
        "INSERT INTO dialogues (id, working_group, held_on, minimum, status, created_by)"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
      u.setString(1, d.id());
      u.setString(2, d.workingGroup());
      u.setDate(3, Date.valueOf(d.day()));
      u.setInt(4, d.minimum());
      u.setString(5, d.status());
      u.setString(6, by);
      u.executeUpdate();
    }
  }

  List<Dialogue> dialogues() throws SQLException {
    List<Dialogue> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT id, working_group, held_on, minimum, status, summary FROM dialogues"
            + " ORDER BY held_on, id"); ResultSet r = q.executeQuery()) {
      while (r.next()) {
        out.add(dialogue(r));
      }
    }
    return out;
  }

  Optional<Dialogue> dialogue(String id) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT id, working_group, held_on, minimum, status, summary FROM dialogues"
            + " WHERE id = ?")) {
      q.setString(1, id);
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? Optional.of(dialogue(r)) : Optional.empty();
      }
    }
  }

  private static Dialogue dialogue(ResultSet r) throws SQLException {
    return new Dialogue(r.getString(1), r.getString(2), r.getDate(3).toLocalDate(), r.getInt(4),
        r.getString(5), r.getString(6));
  }

  /** How many organizations registered for the dialogue. */
  int applications(String dialogueId) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT COUNT(*) FROM registrations WHERE dialogue_id = ?")) {
      q.setString(1, dialogueId);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  void setStatus(String id, String status) throws SQLException {
    update("UPDATE dialogues SET status = ? WHERE id = ?", status, id);
  }

  void setSummary(String id, String summary) throws SQLException {
    update("UPDATE dialogues SET summary = ? WHERE id = ?", summary, id);
  }

  private void update(String sql, String a, String b) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(sql)) {
      u.setString(1, a);
      u.setString(2, b);
      u.executeUpdate();
    }
  }

  /** A new registration with its first history line; false when the workspace has one. */
  boolean register(String dialogueId, Registration r, Note note) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement u = c.prepareStatement("INSERT IGNORE INTO registrations"
            + " (dialogue_id, workspace_id, organization, status, registered_on)"
            + " VALUES (?, ?, ?, ?, ?)")) {
          u.setString(1, dialogueId);
          u.setString(2, r.workspaceId());
          u.setString(3, r.organization());
          u.setString(4, r.status());
          u.setDate(5, Date.valueOf(r.registeredOn()));
          if (u.executeUpdate() == 0) {
            c.rollback();
            return false;
          }
        }
        try (PreparedStatement u = c.prepareStatement("INSERT INTO representatives"
            + " (dialogue_id, workspace_id, account_id) VALUES (?, ?, ?)")) {
          for (String a : r.representatives()) {
            u.setString(1, dialogueId);
            u.setString(2, r.workspaceId());
            u.setString(3, a);
            u.addBatch();
          }
          u.executeBatch();
        }
        history(c, dialogueId, r.workspaceId(), r.status(), note, r.registeredOn());
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  List<Registration> registrations(String dialogueId) throws SQLException {
    return registrations(dialogueId, null);
  }

  Optional<Registration> registration(String dialogueId, String ws) throws SQLException {
    return registrations(dialogueId, ws).stream().findFirst();
  }

  /** The dialogue's registrations, or the workspace's one when {@code ws} is not null. */
  private List<Registration> registrations(String dialogueId, String ws) throws SQLException {
    List<Registration> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT workspace_id, organization, status, registered_on, comments FROM registrations"
            + " WHERE dialogue_id = ?" + (ws == null ? "" : " AND workspace_id = ?")
            + " ORDER BY registered_on, organization")) {
      q.setString(1, dialogueId);
      if (ws != null) {
        q.setString(2, ws);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(new Registration(r.getString(1), r.getString(2), r.getString(3),
              r.getDate(4).toLocalDate(), r.getString(5),
              representatives(c, dialogueId, r.getString(1))));
        }
      }
    }
    return out;
  }

  private static List<String> representatives(Connection c, String dialogueId, String ws)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT account_id FROM representatives"
        + " WHERE dialogue_id = ? AND workspace_id = ? ORDER BY account_id")) {
      q.setString(1, dialogueId);
      q.setString(2, ws);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }


  /** Moves a registration to {@code status}, with a history line, all at once. */
  void changeStatus(String dialogueId, String ws, String status, Note note, LocalDate on)
      throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement u = c.prepareStatement("UPDATE registrations SET status = ?"
            + " WHERE dialogue_id = ? AND workspace_id = ?")) {
          u.setString(1, status);
          u.setString(2, dialogueId);
          u.setString(3, ws);
          u.executeUpdate();
        }
        history(c, dialogueId, ws, status, note, on);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  void object(String dialogueId, String ws, Objection o) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
        "INSERT INTO objections (dialogue_id, workspace_id, state, reason, made_on)"
            + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE reason = VALUES(reason),"
            + " made_on = VALUES(made_on)")) {
      u.setString(1, dialogueId);
      u.setString(2, ws);
      u.setString(3, o.state());
      u.setString(4, o.reason());
      u.setDate(5, Date.valueOf(LocalDate.parse(o.madeOn())));
      u.executeUpdate();
    }
  }

  List<Objection> objections(String dialogueId, String ws) throws SQLException {
    List<Objection> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT state, reason, made_on FROM objections WHERE dialogue_id = ?"
            + " AND workspace_id = ? ORDER BY made_on, state")) {
      q.setString(1, dialogueId);
      q.setString(2, ws);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(new Objection(r.getString(1), r.getString(2),
              r.getDate(3).toLocalDate().toString()));
        }
      }
    }
    return out;
  }

  void setComments(String dialogueId, String ws, String documentId) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(
        "UPDATE registrations SET comments = ? WHERE dialogue_id = ? AND workspace_id = ?")) {
      u.setString(1, documentId);
      u.setString(2, dialogueId);
      u.setString(3, ws);
      u.executeUpdate();
    }
  }

  List<Line> history(String dialogueId, String ws) throws SQLException {
    List<Line> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT status, note, note_key, note_reason, changed_on FROM history"
            + " WHERE dialogue_id = ? AND workspace_id = ? ORDER BY id")) {
      q.setString(1, dialogueId);
      q.setString(2, ws);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(new Line(r.getString(1), new Note(r.getString(2), r.getString(3),
              r.getString(4)), r.getDate(5).toLocalDate().toString()));
        }
      }
    }
    return out;
  }

  private static void history(Connection c, String dialogueId, String ws, String status,
      Note note, LocalDate on) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("INSERT INTO history (dialogue_id,"
        + " workspace_id, status, note, note_key, note_reason, changed_on)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      u.setString(1, dialogueId);
      u.setString(2, ws);
      u.setString(3, status);
      u.setString(4, note.english());
      u.setString(5, note.key());
      u.setString(6, note.reason());
      u.setDate(7, Date.valueOf(on));
      u.executeUpdate();
    }
  }
}
