package org.palermo.server.storage;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The one row that names this database. */
@RegisterConstructorMapper(Installation.class)
public interface InstallationDao {
  @SqlQuery("SELECT id, created_on FROM installation WHERE singleton = 1")
  Optional<Installation> find();

  @SqlUpdate("INSERT IGNORE INTO installation (singleton, id, created_on)"
      + " VALUES (1, :id, :createdOn)")
  void insertIfAbsent(@BindMethods Installation candidate);

  /** The recorded installation, recording {@code candidate} first if there is none. */
  @Transaction
  default Installation ensure(Installation candidate) {
    insertIfAbsent(candidate);
    return find().orElseThrow();
  }
}
