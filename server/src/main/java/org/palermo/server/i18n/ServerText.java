package org.palermo.server.i18n;

import org.palermo.text.Bundles;
import org.palermo.text.Language;
import org.palermo.text.Text;

/**
 * The server's user-facing text: bundles under {@code org/palermo/server/i18n/}, one file per
 * area ({@code errors.properties}, {@code accounts.properties}...) in the six UN languages.
 * Logs stay in English and never go through here.
 */
public final class ServerText {
  private static final Bundles BUNDLES =
      new Bundles("org.palermo.server.i18n", ServerText.class.getClassLoader());

  private ServerText() {}

  public static String render(Text text, Language language) {
    return BUNDLES.render(text, language);
  }

  public static String english(Text text) {
    return BUNDLES.render(text, Language.ENGLISH);
  }
}
