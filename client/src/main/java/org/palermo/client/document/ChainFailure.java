package org.palermo.client.document;

import java.util.Locale;
import org.palermo.security.chain.ChainException;
import org.palermo.text.Text;

/**
 * Why a signed chain (a disclosure log, a publication) did not verify, as the {@code document}
 * bundle's sentences show it: "... does not verify ({@link #kind} at entry {@link #entry}:
 * {@link #detail})".
 *
 * @param kind what failed, a text of the {@code document} bundle ("fork", "rollback"...)
 * @param entry the sequence number of the entry where verification stopped
 * @param detail the verifier's own (English, technical) account of it
 */
record ChainFailure(Object kind, long entry, String detail) {
  static ChainFailure of(ChainException e) {
    Object kind;
    if (e instanceof ChainException.Gap) {
      kind = Text.of("document.chain-gap");
    } else if (e instanceof ChainException.Fork) {
      kind = Text.of("document.chain-fork");
    } else if (e instanceof ChainException.Rollback) {
      kind = Text.of("document.chain-rollback");
    } else if (e instanceof ChainException.WrongAuthor) {
      kind = Text.of("document.chain-wrong-author");
    } else if (e instanceof ChainException.Rule) {
      kind = Text.of("document.chain-rule");
    } else if (e instanceof ChainException.BadSignature) {
      kind = Text.of("document.chain-bad-signature");
    } else {
      kind = e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2")
          .toLowerCase(Locale.ROOT);
    }
    // The message starts "entry N: ", which the sentence already says.
    String detail = e.getMessage().replaceFirst("^entry " + e.sequence() + ": ", "");
    return new ChainFailure(kind, e.sequence(), detail);
  }
}
