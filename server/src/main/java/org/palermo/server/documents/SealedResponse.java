package org.palermo.server.documents;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.EOFException;
import java.io.InputStream;

/** A sealed stream of a stored version as a response body, streamed, never held whole. */
public final class SealedResponse {
  private SealedResponse() {}

  /**
   * Exactly the length the version declares: stored parts that disagree (a damaged store) give
   * a short answer the client refuses, never more bytes than announced.
   */
  public static Response of(InputStream in, long length) {
    StreamingOutput body = out -> {
      try (InputStream source = in) {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
          int n = source.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            throw new EOFException("stored parts are shorter than the version");
          }
          out.write(buffer, 0, n);
          left -= n;
        }
      }
    };
    return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header("Content-Length", length)
        .header("Cache-Control", "no-store")
        .build();
  }
}
