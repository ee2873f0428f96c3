package org.palermo.client.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statement check: country mentions in the UN languages, and no alarm for plain text. */
class CountryMentionsTest {
  private static final CountryMentions CHECK = CountryMentions.standard();

  private static List<String> countries(String text) {
    return CHECK.find(text).stream().map(CountryMentions.Mention::country).toList();
  }

  @Test
  void aCountryIsFound_inEnglishFrenchSpanishAndRussian() {
    assertEquals(List.of("MEX"), countries("Trafficking routes through Mexico have grown."));
    assertEquals(List.of("MEX"), countries("Les routes de la traite au Mexique se multiplient."));
    assertEquals(List.of("MEX"), countries("Las rutas de la trata en México han crecido."));
    assertEquals(List.of("MEX"), countries("Маршруты торговли людьми через Мексику растут."));
    assertEquals(List.of("MEX"), countries("Положение в Мексике"), "Russian endings");
  }

  @Test
  void alsoArabicChineseCodesAccentsAndCase() {
    assertEquals(List.of("MEX"), countries("طرق الاتجار عبر المكسيك"));
    assertEquals(List.of("MEX", "MEX"), countries("وفي المكسيك والمكسيك"), "joined prefixes");
    assertEquals(List.of("MEX"), countries("经过墨西哥的贩运路线"));
    assertEquals(List.of("MEX"), countries("The situation in MEX"));
    assertEquals(List.of("MEX"), countries("rutas en mexico"), "accents and case do not matter");
    assertEquals(List.of("CIV"), countries("Cote d'Ivoire"));
  }

  @Test
  void theLongestName_wins_andEachMentionIsFoundOnce() {
    assertEquals(List.of("PNG", "GIN"), countries("Papua New Guinea and Guinea"));
    assertEquals(List.of("NGA"), countries("in Nigeria"), "not Niger");
  }

  @Test
  void plainTextRaisesNoWarning() {
    assertEquals(List.of(), countries("Civil society organizations CAN AND ARE able to"
        + " deliver statements about trafficking in persons in general terms."));
    assertEquals(List.of(), countries("Nous demandons une meilleure protection des victimes."));
    assertEquals(List.of(), countries("Кроме того, мы просим защиты для жертв."));
  }
}
