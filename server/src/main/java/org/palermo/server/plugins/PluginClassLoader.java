package org.palermo.server.plugins;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * A plugin's class loader: the plugin's own jar first, then only an allow-list of host
 * packages (the plugin API, and the standard APIs it exposes), then the JDK. Anything else of
 * the server (its services, DAOs, the security module, the database driver) does not exist for
 * a plugin, so a plugin cannot reach it even by reflection on a class name.
 */
final class PluginClassLoader extends URLClassLoader {
  /** Host packages a plugin sees: the SPI and the standard annotations it may use. */
  static final List<String> HOST_PACKAGES = List.of("org.palermo.plugin.api.",
      "jakarta.ws.rs.", "com.fasterxml.jackson.annotation.");

  private final ClassLoader host;

  PluginClassLoader(String id, URL jar, ClassLoader host) {
    super("plugin-" + id, new URL[] {jar}, ClassLoader.getPlatformClassLoader());
    this.host = host;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      if (HOST_PACKAGES.stream().anyMatch(name::startsWith)) {
        // One copy of the SPI for host and plugins, so their types are the same types.
        return host.loadClass(name);
      }
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        try {
          // The JDK first (java.*, javax.* from the platform), then the plugin's own jar.
          loaded = getParent().loadClass(name);
        } catch (ClassNotFoundException notJdk) {
          loaded = findClass(name);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public URL getResource(String name) {
    // Resources come from the plugin's jar and the JDK, never from the server's class path.
    URL own = findResource(name);
    return own != null ? own : getParent().getResource(name);
  }
}
