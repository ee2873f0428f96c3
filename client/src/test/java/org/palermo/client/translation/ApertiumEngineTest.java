package org.palermo.client.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.palermo.client.ClientException;
import org.palermo.client.translation.engine.ApertiumEngine;
import org.palermo.client.translation.engine.LibreTranslateEngine;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.text.Language;

/**
 * Apertium, the real program (Debian packages apertium-eng-spa and apertium-fr-es, which
 * scripts/test installs), on a real paragraph, English to Spanish and French to Spanish; and
 * when plaintext may go to an engine without asking.
 */
class ApertiumEngineTest {
  private final ApertiumEngine apertium = new ApertiumEngine();

  @Test
  void englishToSpanish() {
    assertTrue(apertium.installed(Language.ENGLISH, Language.SPANISH),
        "Apertium with apertium-eng-spa is needed: scripts/test installs it");
    String spanish = apertium.translate("The victims were moved at night across the border."
        + " The organization documented the routes and informed the authorities.",
        Language.ENGLISH, Language.SPANISH);
    for (String word : new String[] {"víctimas", "noche", "organización", "documentó",
        "rutas"}) {
      assertTrue(spanish.contains(word), word + " in: " + spanish);
    }
    assertFalse(spanish.contains("victims"), spanish);
  }

  @Test
  void frenchToSpanish() {
    assertTrue(apertium.installed(Language.FRENCH, Language.SPANISH),
        "Apertium with apertium-fr-es is needed: scripts/test installs it");
    String spanish = apertium.translate("Les victimes ont été transportées la nuit vers la"
        + " frontière. L'organisation a informé les autorités.", Language.FRENCH,
        Language.SPANISH);
    for (String word : new String[] {"víctimas", "noche", "frontera", "organización",
        "autoridades"}) {
      assertTrue(spanish.contains(word), word + " in: " + spanish);
    }
  }

  @Test
  void aPairItDoesNotHave_isAClearError() {
    assertFalse(apertium.translates(Language.ARABIC, Language.CHINESE));
    ClientException e = org.junit.jupiter.api.Assertions.assertThrows(ClientException.class,
        () -> apertium.translate("x", Language.ARABIC, Language.CHINESE));
    assertTrue(e.getMessage().contains("not ar to zh"), e.getMessage());
  }

  @Test
  void consent_neededOnlyForNonPublicPlaintextLeavingTheMachine() {
    LibreTranslateEngine loopback = new LibreTranslateEngine(
        java.net.URI.create("http://127.0.0.1:5000/"), null);
    LibreTranslateEngine remote = new LibreTranslateEngine(
        java.net.URI.create("https://translate.example.org/"), null);
    assertTrue(loopback.local());
    assertFalse(remote.local());
    assertFalse(PlaintextGate.needsConsent(DisclosureLevel.CONFIDENTIAL, apertium));
    assertFalse(PlaintextGate.needsConsent(DisclosureLevel.CONFIDENTIAL, loopback));
    assertTrue(PlaintextGate.needsConsent(DisclosureLevel.CONFIDENTIAL, remote));
    assertTrue(PlaintextGate.needsConsent(DisclosureLevel.STATES_ONLY, remote));
    assertFalse(PlaintextGate.needsConsent(DisclosureLevel.PUBLIC, remote));
    assertEquals("apertium", apertium.name());
  }
}
