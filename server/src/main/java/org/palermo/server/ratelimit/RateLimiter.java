package org.palermo.server.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token buckets for every {@link RateLimit}, in memory. Keys (addresses, account ids) are
 * replaced by an HMAC under a key made at start and never stored, so even a heap dump does not
 * list the addresses that called; buckets idle for a full period are dropped.
 */
public final class RateLimiter {
  private static final int SWEEP_EVERY = 4096;

  private final Clock clock;
  private final Map<RateLimit, RateLimitRule> rules;
  private final Map<RateLimit, ConcurrentHashMap<String, Bucket>> buckets =
      new EnumMap<>(RateLimit.class);
  private final SecretKeySpec keyHashKey;
  private int checksSinceSweep;

  public RateLimiter(Clock clock, Function<RateLimit, RateLimitRule> rules) {
    this.clock = clock;
    this.rules = new EnumMap<>(RateLimit.class);
    for (RateLimit limit : RateLimit.values()) {
      this.rules.put(limit, rules.apply(limit));
      buckets.put(limit, new ConcurrentHashMap<>());
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.keyHashKey = new SecretKeySpec(key, "HmacSHA256");
  }

  /**
   * Takes one request from {@code limit}'s bucket for {@code key}.
   *
   * @throws RateLimitExceededException when the bucket is empty
   */
  public void acquire(RateLimit limit, String key) {
    RateLimitRule rule = rules.get(limit);
    long now = clock.millis();
    Bucket bucket = buckets.get(limit).computeIfAbsent(hash(key), k -> new Bucket(rule, now));
    long waitMillis = bucket.take(rule, now);
    maybeSweep(now);
    if (waitMillis > 0) {
      throw new RateLimitExceededException(Duration.ofMillis(waitMillis));
    }
  }

  private void maybeSweep(long now) {
    synchronized (this) {
      if (++checksSinceSweep < SWEEP_EVERY) {
        return;
      }
      checksSinceSweep = 0;
    }
    buckets.forEach((limit, map) -> {
      long idle = rules.get(limit).period().toMillis();
      map.values().removeIf(b -> b.idleSince(now) > idle);
    });
  }

  private String hash(String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(keyHashKey);
      return Base64.getEncoder().encodeToString(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** Tokens refill evenly: {@code requests} per {@code period}, never above {@code requests}. */
  private static final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(RateLimitRule rule, long now) {
      this.tokens = rule.requests();
      this.updatedAt = now;
    }

    /** Takes a token; returns 0, or the milliseconds until one is available. */
    synchronized long take(RateLimitRule rule, long now) {
      double perMilli = (double) rule.requests() / rule.period().toMillis();
      if (now > updatedAt) {
        tokens = Math.min(rule.requests(), tokens + (now - updatedAt) * perMilli);
        updatedAt = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perMilli);
    }

    synchronized long idleSince(long now) {
      return now - updatedAt;
    }
  }
}
