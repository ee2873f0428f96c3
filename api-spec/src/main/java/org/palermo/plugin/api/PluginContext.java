package org.palermo.plugin.api;

import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import javax.sql.DataSource;

/** What the host gives a plugin when it starts: who it is and what it may use. */
public interface PluginContext {
  /** The plugin's id, as its descriptor gives it. */
  String id();

  /** The plugin's version, as its descriptor gives it. */
  String version();

  /** The capabilities the plugin declared and the operator approved. */
  Set<Capability> capabilities();

  /**
   * The operator's folder for this plugin, {@code <plugin folder>/<id>/}, when it exists: where
   * an operator puts data files that override what the plugin ships (reference data, lists).
   * The plugin reads it; it is not a place to write.
   */
  default Optional<java.nio.file.Path> operatorFolder() {
    return Optional.empty();
  }

  /** Read-only views of workspaces, when the plugin has {@code read-workspaces}. */
  default Optional<WorkspaceViews> workspaces() {
    return Optional.empty();
  }

  /**
   * The role ({@code owner}, {@code editor}, {@code contributor}, {@code viewer}) in
   * {@code workspaceId} of the account calling one of the plugin's routes, when it has
   * {@code rest}: {@code caller} is the request's {@code SecurityContext.getUserPrincipal()}
   * (any other principal gives nothing). Empty when the caller is not a member. This is all a
   * plugin with {@code rest} alone learns of a workspace; more needs {@code read-workspaces}.
   */
  default Optional<String> callerRole(java.security.Principal caller, String workspaceId) {
    return Optional.empty();
  }

  /**
   * The State (ISO 3166 alpha-3 code) whose certified account is calling one of the plugin's
   * routes, when it has {@code rest} and the caller holds a State certificate in force (the
   * operator's signed list): {@code caller} is the request's principal, as for
   * {@link #callerRole}. Empty for every other account.
   */
  default Optional<String> certifiedState(java.security.Principal caller) {
    return Optional.empty();
  }

  /**
   * The plugin's own MariaDB schema, {@code palermo_plugin_<id>} (hyphens become underscores),
   * when it has {@code storage}: connections log in as a database user made for this plugin,
   * with rights on that schema only. Before {@link PalermoPlugin#start} the host has applied
   * the plugin's Flyway migrations, SQL files under {@code palermo-plugin/migration/} in its
   * jar ({@code V1__first.sql}, ...). The pool is small: return connections promptly.
   */
  default Optional<DataSource> storage() {
    return Optional.empty();
  }

  /**
   * The plugin's user-facing text in {@code locale}, when it has {@code messages}: the bundle
   * its descriptor names ({@code messages=...}, a base name such as {@code i18n/messages}),
   * from {@code .properties} files in its jar, falling back to the base file (English).
   * Unstable: it may change when the server's own text moves to bundles in the six UN
   * languages (for instance to take the caller's language from the request).
   */
  @Unstable
  default Optional<ResourceBundle> messages(Locale locale) {
    return Optional.empty();
  }
}
