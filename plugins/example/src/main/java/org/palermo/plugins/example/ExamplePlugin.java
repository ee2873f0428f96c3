package org.palermo.plugins.example;

import java.util.List;
import org.palermo.plugin.api.PalermoPlugin;
import org.palermo.plugin.api.PluginContext;

/** The example plugin: one route, {@code GET /api/v1/plugins/example/hello}. */
public class ExamplePlugin implements PalermoPlugin {
  private volatile String version = "?";

  @Override
  public void start(PluginContext context) {
    version = context.version();
  }

  @Override
  public List<Object> resources() {
    return List.of(new HelloResource(() -> version));
  }
}
