package org.palermo.server.plugins;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What a storage plugin gets of its connection pool: connections as its own database user, and
 * nothing of the pool's settings or management.
 */
final class PluginStorage implements DataSource {
  private final DataSource pool;

  PluginStorage(DataSource pool) {
    this.pool = pool;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("a plugin connects as its own user only");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // the pool logs through the server
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // the pool's timeout applies
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper of anything a plugin may use");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
