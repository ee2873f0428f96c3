package org.palermo.plugins.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped glossary: every term in six languages, each in its script, with its source. */
class GlossaryTest {
  @Test
  void everyTerm_inTheSixLanguages_inTheirScripts() throws IOException {
    Glossary.Reference glossary = Glossary.read();
    assertTrue(glossary.source().startsWith("the official language versions"),
        glossary.source());
    assertTrue(glossary.source().contains("resolution 9/1"));
    assertFalse(glossary.source().contains("Columns"));
    assertTrue(glossary.terms().size() >= 25, glossary.terms().toString());
    for (Glossary.Term term : glossary.terms()) {
      Map<String, String> n = term.names();
      assertTrue(n.get("ar").matches(".*\\p{IsArabic}{2,}.*"), term.toString());
      assertTrue(n.get("zh").matches(".*\\p{IsHan}{2,}.*"), term.toString());
      assertTrue(n.get("ru").matches(".*\\p{IsCyrillic}{2,}.*"), term.toString());
      for (String tag : new String[] {"en", "fr", "es"}) {
        assertTrue(n.get(tag).matches(".*\\p{IsLatin}{2,}.*"), term.toString());
      }
    }
    Glossary.Term focal = glossary.terms().stream().filter(t -> t.id().equals("focal-point"))
        .findFirst().orElseThrow();
    assertEquals("point de contact", focal.names().get("fr"));
  }

  @Test
  void aMalformedFile_saysWhere() {
    IOException e = assertThrows(IOException.class, () -> Glossary.parse(new BufferedReader(
        new StringReader("# Source: x\nid\ten\tar\tzh\tfr\tru\tes\ncop\tCOP\t\tx\tx\tx\tx\n"))));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }
}
