package org.palermo.server.storage;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * The identity of this database: a random id made when the schema was first created, and the
 * day (UTC, coarse on purpose) it was. The server prints it at start so an operator sees that a
 * restart found the same data.
 */
public record Installation(String id, LocalDate createdOn) {
  public static Installation create(Clock clock) {
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    return new Installation(HexFormat.of().formatHex(id), LocalDate.ofInstant(clock.instant(),
        ZoneOffset.UTC));
  }
}
