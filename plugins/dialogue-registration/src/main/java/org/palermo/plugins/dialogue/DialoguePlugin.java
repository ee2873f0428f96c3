package org.palermo.plugins.dialogue;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.palermo.plugin.api.PalermoPlugin;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginText;

/**
 * The dialogue-registration plugin: constructive dialogues of the five Working Groups,
 * organizations' registrations by the guide's rules, States' objections and the Bureau's
 * decisions, written comments and the chair's summary. The operator grants the Secretariat,
 * Bureau and chair roles in {@code roles.tsv} in the plugin's operator folder.
 */
public class DialoguePlugin implements PalermoPlugin {
  private volatile DialogueService service;
  private volatile PluginContext context;

  @Override
  public void start(PluginContext context) {
    PluginText.english(context); // fails the start without the messages capability
    try {
      Roles.read(context.operatorFolder()); // a file that does not parse fails the start
    } catch (IOException e) {
      throw new IllegalStateException("the operator's " + e.getMessage(), e);
    }
    RolesFile roles = new RolesFile(context::operatorFolder);
    service = new DialogueService(new DialogueStore(context.storage().orElseThrow(
        () -> new IllegalStateException("the storage capability is needed"))), roles, context,
        context.workspaces().orElseThrow(
            () -> new IllegalStateException("the read-workspaces capability is needed")),
        Clock.systemUTC());
    this.context = context;
  }

  @Override
  public List<Object> resources() {
    return List.of(new DialogueResource(service, context));
  }
}
