package org.palermo.server.sessions;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Session.class)
public interface SessionDao {
  String COLUMNS = "id, token_hash, account_id, created_at, last_used_at, expires_at";

  @SqlUpdate("INSERT INTO sessions (" + COLUMNS + ") VALUES (:id, :tokenHash, :accountId,"
      + " :createdAt, :lastUsedAt, :expiresAt)")
  void insert(@BindMethods Session session);

  @SqlQuery("SELECT " + COLUMNS + " FROM sessions WHERE token_hash = :hash")
  Optional<Session> findByTokenHash(@Bind("hash") byte[] hash);

  @SqlQuery("SELECT " + COLUMNS + " FROM sessions WHERE account_id = :account"
      + " ORDER BY created_at, id")
  List<Session> listForAccount(@Bind("account") byte[] account);

  @SqlUpdate("UPDATE sessions SET last_used_at = :at WHERE id = :id")
  void touch(@Bind("id") byte[] id, @Bind("at") LocalDateTime at);

  /** Deletes the account's own session; false when it has none by that id. */
  @SqlUpdate("DELETE FROM sessions WHERE id = :id AND account_id = :account")
  boolean delete(@Bind("id") byte[] id, @Bind("account") byte[] account);

  @SqlUpdate("DELETE FROM sessions WHERE expires_at <= :now OR last_used_at <= :idleBefore")
  int deleteExpired(@Bind("now") LocalDateTime now, @Bind("idleBefore") LocalDateTime idleBefore);
}
