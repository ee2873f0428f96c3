package org.palermo.plugin.api;

/**
 * A plugin's entry point, named by the {@code entry} key of its descriptor
 * ({@code META-INF/palermo-plugin.properties}) and made with its public no-argument constructor.
 * Every method has a default that does nothing, so an extension kind added in a later minor
 * version breaks no plugin.
 *
 * <p>A plugin runs in its own class loader, which sees this package, the standard APIs the
 * host exposes (JAX-RS, Jackson's annotations) and the JDK; anything else it needs, it bundles.
 * It never sees keys, plaintext or the sealed metadata of documents.
 */
public interface PalermoPlugin {
  /** Called once, after the host checked the descriptor; a throw marks the plugin failed. */
  default void start(PluginContext context) {}

  /**
   * REST resources: objects of classes annotated with JAX-RS {@code @Path}, mounted under
   * {@code /api/v1/plugins/{id}/} when the plugin declared the {@code rest} capability. Every
   * route needs a logged-in account (401 otherwise); a method learns which by taking
   * {@code @Context SecurityContext} ({@code getUserPrincipal().getName()} is the account id).
   * A method that throws answers 500 with a problem document, on that route only.
   */
  default java.util.List<Object> resources() {
    return java.util.List.of();
  }

  /**
   * A core event, when the plugin has the {@code events} capability: called after the change
   * was committed, at least once, in order within a workspace, on a thread of the plugin's own.
   * A throw, or not returning within the host's time limit (10 seconds by default), counts as a
   * failure: the host tries again later, with growing pauses, and after its last try keeps the
   * event as a dead letter (listed by {@code GET /api/v1/plugins}) and goes on with the next.
   * Other plugins and the core never wait for it.
   */
  default void onEvent(CoreEvent event) throws Exception {}

  /** Called once when the server stops. */
  default void stop() {}
}
