package org.palermo.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palermo.server.config.ConfigException;
import org.palermo.server.testing.MutableClock;

class DevelopmentCertificateTest {
  @TempDir Path folder;

  @Test
  void firstStart_makesCertificate_nextStartReusesIt() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    TlsMaterial first = new DevelopmentCertificate(folder, clock).loadOrCreate("127.0.0.1");
    TlsMaterial second = new DevelopmentCertificate(folder, clock).loadOrCreate("127.0.0.1");
    assertEquals(first.sha256Fingerprint(), second.sha256Fingerprint());
    assertTrue(first.generated());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        folder.resolve(DevelopmentCertificate.KEY_FILE))));
    var names = first.leaf().getSubjectAlternativeNames().stream().map(n -> n.get(1)).toList();
    assertTrue(names.contains("localhost") && names.contains("127.0.0.1"), names.toString());
  }

  @Test
  void nearExpiry_certificateIsRenewed() {
    MutableClock clock = new MutableClock(Instant.now());
    TlsMaterial first = new DevelopmentCertificate(folder, clock).loadOrCreate("127.0.0.1");
    clock.advance(Duration.ofDays(800));
    TlsMaterial renewed = new DevelopmentCertificate(folder, clock).loadOrCreate("127.0.0.1");
    assertNotEquals(first.sha256Fingerprint(), renewed.sha256Fingerprint());
  }

  @Test
  void otherBindAddress_getsCertificateNamingIt() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    new DevelopmentCertificate(folder, clock).loadOrCreate("127.0.0.1");
    TlsMaterial other = new DevelopmentCertificate(folder, clock).loadOrCreate("palermo.lan");
    var names = other.leaf().getSubjectAlternativeNames().stream().map(n -> n.get(1)).toList();
    assertTrue(names.contains("palermo.lan"), names.toString());
  }

  @Test
  void operatorPem_keyOfAnotherCertificate_isRefused() {
    MutableClock clock = new MutableClock(Instant.now());
    Path a = folder.resolve("a");
    Path b = folder.resolve("b");
    new DevelopmentCertificate(a, clock).loadOrCreate("127.0.0.1");
    new DevelopmentCertificate(b, clock).loadOrCreate("127.0.0.1");
    ConfigException e = assertThrows(ConfigException.class, () -> PemTlsLoader.load(
        a.resolve(DevelopmentCertificate.CERTIFICATE_FILE),
        b.resolve(DevelopmentCertificate.KEY_FILE), false));
    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
  }
}
