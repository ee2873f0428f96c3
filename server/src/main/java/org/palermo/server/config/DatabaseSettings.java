package org.palermo.server.config;

import java.util.Optional;

/**
 * An operator's MariaDB. No password ever appears in {@link #toString()}.
 *
 * @param url JDBC URL, {@code jdbc:mariadb://host:port/schema}
 * @param admin an account that may create schemas and users, for plugins with the
 *     {@code storage} capability (the embedded database has one; an operator's database only
 *     when {@code PALERMO_DB_ADMIN_USER} is set)
 */
public record DatabaseSettings(String url, String user, String password, Optional<Admin> admin) {

  /**
   * The administrator account, and the host part of the accounts it makes
   * ({@code localhost} for the embedded database, {@code %} for an operator's).
   */
  public record Admin(String user, String password, String accountHost) {
    @Override
    public String toString() {
      return "Admin[user=" + user + ", accountHost=" + accountHost + "]";
    }
  }

  public DatabaseSettings(String url, String user, String password) {
    this(url, user, password, Optional.empty());
  }

  public DatabaseSettings withAdmin(Admin administrator) {
    return new DatabaseSettings(url, user, password, Optional.of(administrator));
  }

  /** The same server and parameters, another schema. */
  public String urlFor(String schema) {
    int hosts = url.indexOf("//");
    int slash = url.indexOf('/', hosts + 2);
    int query = url.indexOf('?', hosts + 2);
    String head = slash < 0 || (query >= 0 && query < slash)
        ? url.substring(0, query < 0 ? url.length() : query) : url.substring(0, slash);
    return head + "/" + schema + (query < 0 ? "" : url.substring(query));
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + ", admin=" + admin + "]";
  }
}
