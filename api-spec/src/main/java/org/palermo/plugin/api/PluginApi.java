package org.palermo.plugin.api;

/**
 * The version of this plugin API, versioned semantically: a plugin built against {@code 1.x}
 * runs on every host that provides {@code 1.y} with {@code y >= x}; a new major version may
 * break plugins, a new minor version only adds (with defaults that do nothing).
 */
public final class PluginApi {
  /** Major version: a plugin requiring another major is refused. */
  public static final int MAJOR = 1;
  /** Minor version: a plugin requiring a later minor is refused. */
  public static final int MINOR = 1;
  /** The version as text. */
  public static final String VERSION = MAJOR + "." + MINOR + ".0";

  private PluginApi() {}
}
