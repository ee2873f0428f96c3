package org.palermo.server.sessions;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.palermo.server.errors.AuthenticationRequiredException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.text.Text;

/**
 * Session tokens: 256 random bits given once to the client, kept only as SHA-256 (a token is
 * not guessable, so a fast hash suffices), with an idle and an absolute expiry.
 */
public final class SessionService {
  public static final Duration IDLE_EXPIRY = Duration.ofDays(7);
  public static final Duration ABSOLUTE_EXPIRY = Duration.ofDays(30);
  private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);
  private static final int TOKEN_BYTES = 32;

  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SessionService(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** A new session for the account; the token is returned here and never again. */
  public Issued open(byte[] accountId) {
    byte[] token = new byte[TOKEN_BYTES];
    random.nextBytes(token);
    byte[] id = new byte[16];
    random.nextBytes(id);
    LocalDateTime now = now();
    Session session = new Session(id, hash(token), accountId, now, now,
        now.plus(ABSOLUTE_EXPIRY));
    jdbi.useExtension(SessionDao.class, dao -> {
      dao.deleteExpired(now, now.minus(IDLE_EXPIRY));
      dao.insert(session);
    });
    return new Issued(Base64.getUrlEncoder().withoutPadding().encodeToString(token), session);
  }

  /** The caller a bearer token names, if it is a live session. */
  public Optional<Caller> authenticate(String bearer) {
    byte[] token;
    try {
      token = Base64.getUrlDecoder().decode(bearer);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (token.length != TOKEN_BYTES) {
      return Optional.empty();
    }
    LocalDateTime now = now();
    return jdbi.withExtension(SessionDao.class, dao -> dao.findByTokenHash(hash(token))
        .filter(s -> s.expiresAt().isAfter(now)
            && s.lastUsedAt().plus(IDLE_EXPIRY).isAfter(now))
        .map(s -> {
          if (!s.lastUsedAt().plus(TOUCH_GRANULARITY).isAfter(now)) {
            dao.touch(s.id(), now);
          }
          return new Caller(s.accountId(), s.id());
        }));
  }

  public List<Session> list(Caller caller) {
    LocalDateTime now = now();
    return jdbi.withExtension(SessionDao.class, dao -> dao.listForAccount(caller.accountId()))
        .stream()
        .filter(s -> s.expiresAt().isAfter(now) && s.lastUsedAt().plus(IDLE_EXPIRY).isAfter(now))
        .toList();
  }

  /** Ends one of the caller's sessions. */
  public void revoke(Caller caller, byte[] sessionId) {
    boolean deleted = jdbi.withExtension(SessionDao.class,
        dao -> dao.delete(sessionId, caller.accountId()));
    if (!deleted) {
      throw new NotFoundProblemException(Text.of("sessions.no-such-session"));
    }
  }

  /** Ends the session the caller is using. */
  public void logout(Caller caller) {
    if (!jdbi.withExtension(SessionDao.class, dao -> dao.delete(caller.sessionId(),
        caller.accountId()))) {
      throw new AuthenticationRequiredException(Text.of("sessions.already-ended"));
    }
  }

  private LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
  }

  static byte[] hash(byte[] token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A session just opened, with the only copy of its token. */
  public record Issued(String token, Session session) {}
}
