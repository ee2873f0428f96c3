package org.palermo.plugins.checklist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.palermo.plugin.api.PalermoPlugin;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginText;

/**
 * The cluster-checklist plugin: the Review Mechanism's clusters and schedule from reference
 * data an operator may correct, a workspace's review profile, and checklists per cluster and
 * for the guide's model action plan.
 */
public class ClusterChecklistPlugin implements PalermoPlugin {
  /** The plugin's id, as its descriptor and the audit log name it. */
  static final String ID = "cluster-checklist";

  /** The operator's copy of the reference data, in the plugin's operator folder. */
  static final String REFERENCE_FILE = "untoc-review-reference.tsv";

  private volatile ChecklistService service;
  private volatile PluginContext context;

  @Override
  public void start(PluginContext context) {
    PluginText.english(context); // fails the start without the messages capability
    ReferenceData data = context.operatorFolder().map(f -> f.resolve(REFERENCE_FILE))
        .filter(Files::isRegularFile).map(ClusterChecklistPlugin::read)
        .orElseGet(ReferenceData::bundled);
    service = new ChecklistService(data,
        new ChecklistStore(context.storage().orElseThrow(
            () -> new IllegalStateException("the storage capability is needed"))),
        context, context.workspaces().orElseThrow(
            () -> new IllegalStateException("the read-workspaces capability is needed")),
        Clock.systemUTC());
    this.context = context;
  }

  private static ReferenceData read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return ReferenceData.parse(in);
    } catch (IOException e) {
      throw new IllegalStateException("the operator's " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Object> resources() {
    return List.of(new ChecklistResource(service, context));
  }
}
