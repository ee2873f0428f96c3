package org.palermo.server.ratelimit;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * At most {@code requests} in any {@code period}, refilled evenly (a token bucket whose
 * capacity is {@code requests}).
 */
public record RateLimitRule(int requests, Duration period) {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})/(\\d{1,9})(s|m|h)");

  public RateLimitRule {
    if (requests < 1) {
      throw new IllegalArgumentException("a rate limit allows at least one request");
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate limit period is positive");
    }
  }

  /** Parses {@code 600/1m}, {@code 10/30s} or {@code 1000/1h}; empty when it does not parse. */
  public static java.util.Optional<RateLimitRule> parse(String text) {
    var m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    int requests = Integer.parseInt(m.group(1));
    long amount = Long.parseLong(m.group(2));
    if (requests < 1 || amount < 1) {
      return java.util.Optional.empty();
    }
    Duration period = switch (m.group(3)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
    return java.util.Optional.of(new RateLimitRule(requests, period));
  }

  @Override
  public String toString() {
    return requests + "/" + period.toSeconds() + "s";
  }
}
