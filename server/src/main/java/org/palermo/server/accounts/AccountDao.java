package org.palermo.server.accounts;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Account.class)
public interface AccountDao {
  String COLUMNS = "id, handle, device_id, signing_key, agreement_key, kdf_parameters,"
      + " key_bundle, verifier, created_on";

  /** Inserts; false when the id or the handle is taken. */
  @SqlUpdate("INSERT IGNORE INTO accounts (" + COLUMNS + ") VALUES (:id, :handle, :deviceId,"
      + " :signingKey, :agreementKey, :kdfParameters, :keyBundle, :verifier, :createdOn)")
  boolean insert(@BindMethods Account account);

  @SqlQuery("SELECT " + COLUMNS + " FROM accounts WHERE handle = :handle")
  Optional<Account> findByHandle(@Bind("handle") String handle);

  @SqlQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
  Optional<Account> findById(@Bind("id") byte[] id);
}
