package org.palermo.server.ratelimit;

import java.time.Duration;

/**
 * Every rate limit of the server, in one reviewable list. An operator changes a default with
 * {@code PALERMO_RATE_LIMIT_<NAME>=<requests>/<period>}, for example
 * {@code PALERMO_RATE_LIMIT_API_PER_ADDRESS=1200/1m}.
 *
 * <p>Addresses are kept only in memory, keyed by a keyed hash, and never written to a log or the
 * database.
 */
public enum RateLimit {
  /** Every API request, per source address: a ceiling against floods from one place. */
  API_PER_ADDRESS(Scope.ADDRESS, new RateLimitRule(600, Duration.ofMinutes(1))),

  /** Every API request of an authenticated account, from wherever it comes. */
  API_PER_ACCOUNT(Scope.ACCOUNT, new RateLimitRule(1200, Duration.ofMinutes(1))),

  /** Login attempts from one address, whatever the handle: against guessing many accounts. */
  LOGIN_PER_ADDRESS(Scope.ADDRESS, new RateLimitRule(20, Duration.ofMinutes(10))),

  /** Login attempts on one handle, from anywhere: against guessing one passphrase. */
  LOGIN_PER_HANDLE(Scope.HANDLE, new RateLimitRule(10, Duration.ofMinutes(10))),

  /** Registrations from one address. */
  REGISTER_PER_ADDRESS(Scope.ADDRESS, new RateLimitRule(10, Duration.ofHours(1)));

  /** What a limit counts by. */
  public enum Scope {
    ADDRESS,
    ACCOUNT,
    HANDLE
  }

  private final Scope scope;
  private final RateLimitRule defaultRule;

  RateLimit(Scope scope, RateLimitRule defaultRule) {
    this.scope = scope;
    this.defaultRule = defaultRule;
  }

  public Scope scope() {
    return scope;
  }

  public RateLimitRule defaultRule() {
    return defaultRule;
  }

  /** The environment variable that overrides this limit. */
  public String environmentVariable() {
    return "PALERMO_RATE_LIMIT_" + name();
  }
}
