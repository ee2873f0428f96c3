package org.palermo.server.config;

/**
 * An operator's MariaDB. The password never appears in {@link #toString()}.
 *
 * @param url JDBC URL, {@code jdbc:mariadb://host:port/schema}
 */
public record DatabaseSettings(String url, String user, String password) {
  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + "]";
  }
}
