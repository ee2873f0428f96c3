package org.palermo.plugins.translation;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.palermo.plugin.api.PalermoPlugin;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginText;

/**
 * The translation plugin: language versions of sealed documents (linked to the source version
 * they translate, outdated when the source moves on), translation requests with due dates and
 * assignees, and the Review Mechanism glossary in the six UN languages. Machine translation
 * runs in the client, never here: the server has no plaintext to translate.
 */
public class TranslationPlugin implements PalermoPlugin {
  private volatile TranslationService service;
  private volatile Glossary.Reference glossary;
  private volatile PluginContext context;

  @Override
  public void start(PluginContext context) {
    try {
      glossary = Glossary.read();
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    this.context = context;
    service = new TranslationService(new TranslationStore(context.storage().orElseThrow(
        () -> new IllegalStateException("the storage capability is needed"))), context,
        context.workspaces().orElseThrow(
            () -> new IllegalStateException("the read-workspaces capability is needed")),
        Clock.systemUTC());
    PluginText.english(context); // fails the start without the messages capability
  }

  @Override
  public List<Object> resources() {
    return List.of(new TranslationResource(service, glossary, context));
  }
}
