package org.palermo.server.ratelimit;

import org.palermo.text.Text;

import java.time.Duration;
import java.util.Map;
import org.palermo.server.errors.ProblemException;
import org.palermo.server.errors.ProblemType;

/** A rate limit is spent; the answer says when to come back. */
public final class RateLimitExceededException extends ProblemException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public RateLimitExceededException(Duration retryAfter) {
    this(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
  }

  private RateLimitExceededException(long seconds) {
    super(ProblemType.RATE_LIMITED, Text.of("errors.rate-limited", seconds));
    this.retryAfterSeconds = seconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Retry-After", Long.toString(retryAfterSeconds));
  }
}
