package org.palermo.client.translation;

import org.palermo.client.translation.engine.TranslationEngine;
import org.palermo.security.manifest.DisclosureLevel;

/**
 * Whether plaintext of a document may go to a translation engine without asking: always to an
 * engine on this machine, and to any engine for a public document (anyone may read it anyway).
 * Anything else (a confidential or States-only document to a remote engine) leaves the machine
 * only when the member says yes, on the terminal or with {@code --send-plaintext}.
 */
public final class PlaintextGate {
  private PlaintextGate() {}

  public static boolean needsConsent(DisclosureLevel level, TranslationEngine engine) {
    return !engine.local() && level != DisclosureLevel.PUBLIC;
  }
}
