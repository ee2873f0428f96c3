package org.palermo.client.translation.engine;

import org.palermo.text.Language;

/**
 * A machine translation engine the client hands plaintext to. Engines run on the member's own
 * machine ({@link #local()}) or elsewhere; the client asks before plaintext of a document that
 * is not public goes to one that does not.
 */
public interface TranslationEngine {
  /** A short name, recorded with a translation it produced ({@code apertium}). */
  String name();

  /** Whether the plaintext stays on this machine. */
  boolean local();

  /** Whether the engine translates {@code from} into {@code to}. */
  boolean translates(Language from, Language to);

  /** {@code text} translated; a failure is a {@link org.palermo.client.ClientException}. */
  String translate(String text, Language from, Language to);
}
