package org.palermo.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.palermo.server.errors.PayloadTooLargeException;
import org.palermo.text.Text;

/**
 * Refuses a body over the limit: at once when Content-Length says so, otherwise as soon as the
 * streamed body passes it, so a chunked upload cannot fill memory or disk.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public final class BodyLimitFilter implements ContainerRequestFilter {
  private final long maxBytes;
  private final Pattern streamingPaths;

  /**
   * @param streamingPaths request paths (relative to the root, no leading slash) whose bodies
   *     are streams their resource limits itself, such as the sealed runs of an upload
   */
  public BodyLimitFilter(long maxBytes, Pattern streamingPaths) {
    this.maxBytes = maxBytes;
    this.streamingPaths = streamingPaths;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if ("PUT".equals(request.getMethod())
        && streamingPaths.matcher(request.getUriInfo().getPath(false)).matches()) {
      return;
    }
    String declared = request.getHeaderString("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        length = Long.MAX_VALUE;
      }
      if (length > maxBytes) {
        throw tooLarge();
      }
    }
    request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBytes));
  }

  private PayloadTooLargeException tooLarge() {
    return new PayloadTooLargeException(Text.of("http.body-too-large", maxBytes));
  }

  private final class LimitedInputStream extends FilterInputStream {
    private long remaining;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      remaining -= n;
      if (remaining < 0) {
        throw tooLarge();
      }
    }
  }
}
