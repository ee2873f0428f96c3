package org.palermo.plugins.example;

import java.util.List;
import javax.sql.DataSource;
import org.palermo.plugin.api.CoreEvent;
import org.palermo.plugin.api.PalermoPlugin;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.WorkspaceViews;

/**
 * The example plugin: it counts what happens in each workspace (core events, kept in its own
 * schema) and shows a workspace's members the counts; it greets the caller in their language.
 * Routes: {@code GET /api/v1/plugins/example/hello} and {@code GET
 * /api/v1/plugins/example/activity/{workspaceId}}.
 */
public class ExamplePlugin implements PalermoPlugin {
  private volatile PluginContext context;
  private volatile ActivityStore store;

  @Override
  public void start(PluginContext context) {
    DataSource storage = context.storage()
        .orElseThrow(() -> new IllegalStateException("the storage capability is needed"));
    this.store = new ActivityStore(storage);
    this.context = context;
  }

  @Override
  public void onEvent(CoreEvent event) throws Exception {
    store.record(event);
  }

  @Override
  public List<Object> resources() {
    WorkspaceViews views = context.workspaces()
        .orElseThrow(() -> new IllegalStateException("read-workspaces is needed"));
    return List.of(new HelloResource(context), new ActivityResource(views, store));
  }
}
