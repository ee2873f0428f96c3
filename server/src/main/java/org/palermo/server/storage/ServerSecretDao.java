package org.palermo.server.storage;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Secrets shared by every node, made once by whichever node needs one first. */
public interface ServerSecretDao {
  @SqlUpdate("INSERT IGNORE INTO server_secrets (name, value) VALUES (:name, :value)")
  void insertIfAbsent(@Bind("name") String name, @Bind("value") byte[] value);

  @SqlQuery("SELECT value FROM server_secrets WHERE name = :name")
  Optional<byte[]> find(@Bind("name") String name);

  /** The secret called {@code name}, recording {@code candidate} first if there is none. */
  @Transaction
  default byte[] ensure(String name, byte[] candidate) {
    insertIfAbsent(name, candidate);
    return find(name).orElseThrow();
  }
}
