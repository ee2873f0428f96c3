package org.palermo.server.states;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface StateCertificateDao {
  @SqlQuery("SELECT entry FROM state_certificates ORDER BY sequence")
  List<byte[]> entries();

  /** Fails on a duplicate sequence: two appends raced and this one lost. */
  @SqlUpdate("INSERT INTO state_certificates (sequence, entry) VALUES (:sequence, :entry)")
  void insert(@Bind("sequence") long sequence, @Bind("entry") byte[] entry);
}
