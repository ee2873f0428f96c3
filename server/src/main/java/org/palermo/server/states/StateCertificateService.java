package org.palermo.server.states;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.states.StateRegistry;
import org.palermo.server.config.ConfigException;
import org.palermo.server.errors.ConflictException;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.storage.VerifiedCopies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.palermo.text.Text;

/**
 * The public list of State certificates: serves its entries to anyone and appends an entry only
 * when it extends the stored list under the list's rules ({@link StateRegistry}), which means
 * signed by the operator key named in entry 0. The server holds no operator key after it opened
 * the list; certifying and revoking happen in the operator's {@code palermo admin} tool.
 */
public final class StateCertificateService {
  private static final Logger LOG = LoggerFactory.getLogger(StateCertificateService.class);

  private final Jdbi jdbi;
  private final Clock clock;
  /** The list last verified, with the stored entries it was verified from. */
  private final VerifiedCopies<StateRegistry> verified = new VerifiedCopies<>(1);

  public StateCertificateService(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Where a new operator key went, when this start opened the list. */
  public record Opened(Path sealedFile, Path secretFile) {}

  /**
   * Opens the list on the installation's first start: makes the operator key in
   * {@code operatorFolder} and stores the list's first entry, signed by it. Does nothing when
   * the list has entries (another start, or another node sharing the database, opened it).
   */
  public Optional<Opened> openIfEmpty(Path operatorFolder) {
    if (!jdbi.withExtension(StateCertificateDao.class, StateCertificateDao::entries).isEmpty()) {
      return Optional.empty();
    }
    if (Files.exists(operatorFolder.resolve(OperatorKeyFiles.SEALED))) {
      // Never replace an operator key silently: States certified under it would vanish.
      throw new ConfigException(operatorFolder.resolve(OperatorKeyFiles.SEALED)
          + " exists but the database holds no State certificate list: restore the database"
          + " that goes with it, or move that folder away to start a new list with a new key");
    }
    OperatorKeyFiles.Made made;
    try {
      made = OperatorKeyFiles.make(operatorFolder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the operator key into " + operatorFolder, e);
    }
    ChainEntry first = StateRegistry.genesis(made.keys().signing(),
        Instant.ofEpochSecond(clock.instant().getEpochSecond()));
    try {
      jdbi.useExtension(StateCertificateDao.class, dao -> dao.insert(0, first.encode()));
    } catch (UnableToExecuteStatementException e) {
      deleteQuietly(made.sealedFile());
      deleteQuietly(made.secretFile());
      if (entries().isEmpty()) {
        throw e;
      }
      // Another node opened the list first; its key is the operator key, not this one.
      LOG.info("The State certificate list was opened by another node; no operator key kept here");
      return Optional.empty();
    }
    LOG.info("Opened the State certificate list with a new operator key in {}", operatorFolder);
    return Optional.of(new Opened(made.sealedFile(), made.secretFile()));
  }

  /** Whether the account holds a State certificate in force now (not revoked, not expired). */
  public boolean certifiedNow(byte[] accountId) {
    return registry().inForce(org.palermo.security.ids.AccountId.of(accountId), clock.instant())
        .isPresent();
  }

  /** The State (ISO 3166 alpha-3) of the account's certificate in force now, if it has one. */
  public Optional<String> certifiedStateNow(byte[] accountId) {
    return registry().inForce(org.palermo.security.ids.AccountId.of(accountId), clock.instant())
        .map(e -> e.certificate().state().alpha3());
  }

  /**
   * The stored list, verified: read on every call (another node may have appended), verified
   * again only when it differs from the list verified last.
   */
  public StateRegistry registry() {
    return verified.get("list", entries(), StateCertificateService::load);
  }

  /** The stored entries, first to last, as stored. */
  public List<byte[]> entries() {
    return jdbi.withExtension(StateCertificateDao.class, StateCertificateDao::entries);
  }

  /**
   * Appends one entry after verifying the stored list and the entry against its rules.
   *
   * @return the entry's sequence
   */
  public long append(byte[] encoded) {
    ChainEntry entry;
    try {
      entry = ChainEntry.decode(encoded);
    } catch (MalformedEntryException e) {
      throw new InvalidRequestException("entry", Text.of("states.not-chain-entry"));
    }
    List<byte[]> stored = entries();
    if (entry.sequence() != stored.size()) {
      throw new ConflictException(Text.of("states.moved-on", stored.size()));
    }
    StateRegistry registry = load(stored);
    try {
      registry.extend(entry);
    } catch (ChainException e) {
      // The chain's reason comes from the security module, in English only.
      throw new InvalidRequestException("entry",
          Text.of("states.entry-refused", e.getMessage()));
    }
    try {
      jdbi.useExtension(StateCertificateDao.class,
          dao -> dao.insert(entry.sequence(), entry.encode()));
    } catch (UnableToExecuteStatementException e) {
      throw new ConflictException(Text.of("states.moved-on-retry"));
    }
    return entry.sequence();
  }

  private static StateRegistry load(List<byte[]> stored) {
    List<ChainEntry> entries = new ArrayList<>(stored.size());
    try {
      for (byte[] e : stored) {
        entries.add(ChainEntry.decode(e));
      }
      return StateRegistry.verify(entries, null);
    } catch (MalformedEntryException | ChainException e) {
      // Only verified entries are stored: the database was changed behind the server's back.
      throw new IllegalStateException("the stored State certificate list does not verify: "
          + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", file, e.toString());
    }
  }
}
