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

  /** Called once when the server stops. */
  default void stop() {}
}
