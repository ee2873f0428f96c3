package org.palermo.server.accounts;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.palermo.security.keys.AgreementPublicKey;
import org.palermo.security.keys.SigningPublicKey;
import org.palermo.security.passphrase.Argon2idParameters;
import org.palermo.server.errors.AuthenticationRequiredException;
import org.palermo.server.errors.ConflictException;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimiter;
import org.palermo.server.sessions.Caller;
import org.palermo.server.sessions.SessionService;
import org.palermo.server.storage.ServerSecretDao;
import org.palermo.text.Text;

/**
 * Registration and login. The server checks what it can check of what clients send (key
 * encodings, KDF parameters no weaker than the pinned minimum, sizes) and stores the rest
 * opaque; it never sees a passphrase or a private key.
 */
public final class AccountService {
  static final int MAX_KEY_BUNDLE = 1024;

  private final Jdbi jdbi;
  private final Clock clock;
  private final SessionService sessions;
  private final RateLimiter limiter;
  private final AuthenticationVerifier verifier = new AuthenticationVerifier();
  private final LoginParameters loginParameters;

  public AccountService(Jdbi jdbi, Clock clock, SessionService sessions, RateLimiter limiter,
      java.security.SecureRandom random) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.sessions = sessions;
    this.limiter = limiter;
    byte[] candidate = new byte[32];
    random.nextBytes(candidate);
    this.loginParameters = new LoginParameters(jdbi.withExtension(ServerSecretDao.class,
        dao -> dao.ensure(LoginParameters.SECRET_NAME, candidate)));
  }

  /** What a client sends to register; binary fields already decoded. */
  public record Registration(byte[] accountId, Handle handle, byte[] deviceId, byte[] signingKey,
      byte[] agreementKey, byte[] kdfParameters, byte[] keyBundle, byte[] authenticationKey) {}

  public Account register(Registration r) {
    check(() -> SigningPublicKey.decode(r.signingKey()), "signingKey",
        Text.of("accounts.signing-key-invalid", "signingKey"));
    check(() -> AgreementPublicKey.decode(r.agreementKey()), "agreementKey",
        Text.of("accounts.agreement-key-invalid", "agreementKey"));
    check(() -> Argon2idParameters.decode(r.kdfParameters()), "kdfParameters",
        Text.of("accounts.kdf-parameters-invalid", "kdfParameters"));
    Account account = new Account(r.accountId(), r.handle().value(), r.deviceId(), r.signingKey(),
        r.agreementKey(), r.kdfParameters(), r.keyBundle(),
        verifier.create(r.authenticationKey()), LocalDate.ofInstant(clock.instant(),
            ZoneOffset.UTC));
    if (!jdbi.withExtension(AccountDao.class, dao -> dao.insert(account))) {
      throw new ConflictException(Text.of("accounts.taken"));
    }
    return account;
  }

  /** The stored KDF parameters, or the stand-in for a handle nobody has. */
  public byte[] loginParameters(Handle handle) {
    return jdbi.withExtension(AccountDao.class, dao -> dao.findByHandle(handle.value()))
        .map(Account::kdfParameters)
        .orElseGet(() -> loginParameters.decoyFor(handle));
  }

  /**
   * Opens a session when the authentication key matches. An unknown handle and a wrong key
   * give the same answer after the same work.
   */
  public SessionService.Issued login(Handle handle, byte[] authenticationKey) {
    limiter.acquire(RateLimit.LOGIN_PER_HANDLE, handle.value());
    var account = jdbi.withExtension(AccountDao.class, dao -> dao.findByHandle(handle.value()));
    byte[] stored = account.map(Account::verifier).orElse(null);
    if (!verifier.matches(stored, authenticationKey) || account.isEmpty()) {
      throw new AuthenticationRequiredException(Text.of("accounts.login-failed"));
    }
    return sessions.open(account.get().id());
  }

  /** The account with this handle; a 404 when there is none. */
  public Account findByHandle(Handle handle) {
    return jdbi.withExtension(AccountDao.class, dao -> dao.findByHandle(handle.value()))
        .orElseThrow(() -> new NotFoundProblemException(
            Text.of("accounts.no-account-with-handle")));
  }

  /** The account with this id, if any (for checking keys that clients name). */
  public java.util.Optional<Account> findById(byte[] id) {
    return jdbi.withExtension(AccountDao.class, dao -> dao.findById(id));
  }

  public Account find(Caller caller) {
    return jdbi.withExtension(AccountDao.class, dao -> dao.findById(caller.accountId()))
        .orElseThrow(() -> new AuthenticationRequiredException(
            Text.of("accounts.account-gone")));
  }

  private interface Check {
    void run() throws GeneralSecurityException;
  }

  private static void check(Check check, String field, Text problem) {
    try {
      check.run();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidRequestException(field, problem);
    }
  }
}
