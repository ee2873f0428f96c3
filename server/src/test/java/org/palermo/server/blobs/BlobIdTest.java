package org.palermo.server.blobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobIdTest {

  private static final String VALID = "0123456789abcdef0123456789abcdef";

  @Test
  void random_isThirtyTwoLowercaseHexCharacters() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 1000; i++) {
      String value = BlobId.random(random).value();
      assertTrue(value.matches("^[0-9a-f]{32}$"), value);
    }
  }

  @Test
  void random_doesNotRepeat() {
    SecureRandom random = new SecureRandom();
    Set<BlobId> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(seen.add(BlobId.random(random)));
    }
  }

  @Test
  void parse_validValue_roundTripsThroughToString() {
    BlobId id = BlobId.parse(VALID);
    assertEquals(VALID, id.value());
    assertEquals(VALID, id.toString());
    assertEquals(id, BlobId.parse(id.toString()));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
    "../etc/passwd",
    "../../../../../../../../etc/passwd",
    "0123456789abcdef/../456789abcdef",
    "0123456789ABCDEF0123456789ABCDEF",
    "0123456789abcdef0123456789abcdeF",
    "0123456789abcdef0123456789abcde",
    "0123456789abcdef0123456789abcdef0",
    "0123456789abcdef0123456789abcdef\n",
    " 0123456789abcdef0123456789abcde",
    "0123456789abcdef0123456789abcdeg",
    "0123456789abcdef0123456789abcd.f",
    "0123456789abcdef0123456789abcde\u0000",
    "\u0660123456789abcdef0123456789abcdef",
    "\uff10123456789abcdef0123456789abcdef",
  })
  void parse_malformedValue_throwsIllegalArgumentException(String text) {
    assertThrows(IllegalArgumentException.class, () -> BlobId.parse(text));
    assertFalse(BlobId.isWellFormed(text));
  }

  @Test
  void parse_malformedValue_messageDoesNotEchoInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BlobId.parse("../etc/passwd"));
    assertFalse(e.getMessage().contains("passwd"));
  }
}
