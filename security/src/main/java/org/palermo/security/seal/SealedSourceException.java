package org.palermo.security.seal;

import java.io.IOException;

/**
 * The stream of sealed bytes itself failed (a network or disk error, or an exception thrown by
 * the underlying stream): nothing is known about the content's authenticity, and nothing past
 * the last authentic chunk was released. Distinct from {@link SealedContentException} so that a
 * client can retry or resume a download (see {@link OpeningInputStream}); the cause is the
 * source's own exception. Like every failure of an opening stream, it is sticky: later reads
 * throw it again.
 */
public final class SealedSourceException extends IOException {
    private static final long serialVersionUID = 1L;
    static final String MESSAGE = "sealed content could not be read: the source failed";

    SealedSourceException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
