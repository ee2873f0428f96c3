package org.palermo.client.document;

import org.palermo.client.ClientException;
import org.palermo.security.chain.ChainException;
import org.palermo.text.Text;

/**
 * Why a signed chain (a disclosure log, a publication) did not verify, as the {@code document}
 * bundle's sentences show it: "... does not verify ({@link #kind} at entry {@link #entry}:
 * {@link #detail})".
 *
 * @param kind what failed, a text of the {@code chain} bundle ("fork", "rollback"...)
 * @param entry the sequence number of the entry where verification stopped
 * @param detail the verifier's own (English, technical) account of it
 */
record ChainFailure(Text kind, long entry, String detail) {
  static ChainFailure of(ChainException e) {
    Text kind = ClientException.chainFailureKind(e);
    // The message starts "entry N: ", which the sentence already says.
    String detail = e.getMessage().replaceFirst("^entry " + e.sequence() + ": ", "");
    return new ChainFailure(kind, e.sequence(), detail);
  }
}
