package org.palermo.server.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.MutableClock;
import org.palermo.server.testing.TestServer;

class RateLimitTest {
  private static final RateLimitRule THREE_PER_MINUTE = new RateLimitRule(3, Duration.ofMinutes(1));

  @Test
  void addressLimit_reachedThenReleased_over429WithRetryAfter() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    try (TestServer server = TestServer.start(
        c -> c.withRateLimit(RateLimit.API_PER_ADDRESS, THREE_PER_MINUTE), clock, rc -> {})) {
      for (int i = 0; i < 3; i++) {
        assertEquals(200, server.get("/api/v1/health").statusCode());
      }
      var limited = server.get("/api/v1/health");
      org.palermo.server.testing.ResponseAssertions.assertProblem(limited, 429, "rate-limited");
      org.palermo.server.testing.ResponseAssertions.assertHardened(limited);
      assertEquals("20", limited.headers().firstValue("Retry-After").orElse(null));

      clock.advance(Duration.ofSeconds(19));
      assertEquals(429, server.get("/api/v1/health").statusCode());
      clock.advance(Duration.ofSeconds(2));
      assertEquals(200, server.get("/api/v1/health").statusCode());
    }
  }

  @Test
  void limiter_keysAreIndependent() {
    MutableClock clock = new MutableClock(Instant.EPOCH);
    RateLimiter limiter = new RateLimiter(clock, l -> new RateLimitRule(1, Duration.ofMinutes(1)));
    limiter.acquire(RateLimit.API_PER_ADDRESS, "192.0.2.1");
    limiter.acquire(RateLimit.API_PER_ADDRESS, "192.0.2.2");
    limiter.acquire(RateLimit.API_PER_ACCOUNT, "192.0.2.1");
    var refused = assertThrows(RateLimitExceededException.class,
        () -> limiter.acquire(RateLimit.API_PER_ADDRESS, "192.0.2.1"));
    assertEquals(60, refused.retryAfterSeconds());
  }

  @Test
  void limiter_refillsEvenly_neverAboveCapacity() {
    MutableClock clock = new MutableClock(Instant.EPOCH);
    RateLimiter limiter = new RateLimiter(clock, l -> new RateLimitRule(2, Duration.ofSeconds(10)));
    clock.advance(Duration.ofHours(1));
    limiter.acquire(RateLimit.API_PER_ADDRESS, "a");
    limiter.acquire(RateLimit.API_PER_ADDRESS, "a");
    assertThrows(RateLimitExceededException.class,
        () -> limiter.acquire(RateLimit.API_PER_ADDRESS, "a"));
    clock.advance(Duration.ofSeconds(5));
    limiter.acquire(RateLimit.API_PER_ADDRESS, "a");
    assertThrows(RateLimitExceededException.class,
        () -> limiter.acquire(RateLimit.API_PER_ADDRESS, "a"));
  }

  @Test
  void rule_parsesOperatorSyntax() {
    assertEquals(new RateLimitRule(600, Duration.ofMinutes(1)),
        RateLimitRule.parse("600/1m").get());
    assertEquals(new RateLimitRule(10, Duration.ofSeconds(30)),
        RateLimitRule.parse("10/30s").get());
    assertEquals(new RateLimitRule(5, Duration.ofHours(2)), RateLimitRule.parse(" 5/2h ").get());
    assertEquals(java.util.Optional.empty(), RateLimitRule.parse("0/1m"));
    assertEquals(java.util.Optional.empty(), RateLimitRule.parse("ten/1m"));
    assertEquals(java.util.Optional.empty(), RateLimitRule.parse("10/1d"));
  }
}
