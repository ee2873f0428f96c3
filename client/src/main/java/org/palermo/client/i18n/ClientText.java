package org.palermo.client.i18n;

import org.palermo.text.Bundles;
import org.palermo.text.Language;
import org.palermo.text.Text;

/**
 * The client's user-facing text: bundles under {@code org/palermo/client/i18n/}, one file per
 * area in the six UN languages. Help texts are areas named {@code help*} (see {@link CliHelp}).
 */
public final class ClientText {
  private static final Bundles BUNDLES =
      new Bundles("org.palermo.client.i18n", ClientText.class.getClassLoader());

  private ClientText() {}

  public static String render(Text text, Language language) {
    return BUNDLES.render(text, language);
  }

  public static String english(Text text) {
    return BUNDLES.render(text, Language.ENGLISH);
  }
}
