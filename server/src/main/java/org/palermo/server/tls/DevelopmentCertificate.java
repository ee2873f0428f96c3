package org.palermo.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.palermo.server.config.ConfigException;

/**
 * The self-signed certificate a server makes for itself on first start when the operator gave
 * none: ECDSA P-256, valid for localhost, the loopback addresses and the bound address, kept
 * in the data folder and reused until 30 days before it expires.
 */
public final class DevelopmentCertificate {
  static final String CERTIFICATE_FILE = "development-certificate.pem";
  static final String KEY_FILE = "development-private-key.pem";
  private static final Duration VALIDITY = Duration.ofDays(825);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final Path folder;
  private final Clock clock;

  public DevelopmentCertificate(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  /** Loads the kept certificate, or makes one when there is none or it is about to expire. */
  public TlsMaterial loadOrCreate(String bindHost) {
    Path certificate = folder.resolve(CERTIFICATE_FILE);
    Path key = folder.resolve(KEY_FILE);
    if (Files.exists(certificate) && Files.exists(key)) {
      TlsMaterial existing = PemTlsLoader.load(certificate, key, true);
      Instant renewAt = existing.leaf().getNotAfter().toInstant().minus(RENEW_BEFORE);
      if (clock.instant().isBefore(renewAt) && coversHost(existing.leaf(), bindHost)) {
        return existing;
      }
    }
    create(bindHost, certificate, key);
    return PemTlsLoader.load(certificate, key, true);
  }

  private void create(String bindHost, Path certificateFile, Path keyFile) {
    try {
      Files.createDirectories(folder);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      Instant now = clock.instant();
      X500Name subject = new X500Name("CN=Palermo development certificate");
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          subject,
          new BigInteger(128, new SecureRandom()),
          Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(VALIDITY)),
          subject,
          pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(names(bindHost).toArray(new GeneralName[0])));
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      writePrivate(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
      writePrivate(certificateFile, pem(certificate));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new ConfigException("Cannot create the development certificate in " + folder + ": "
          + e.getMessage(), e);
    }
  }

  private static List<GeneralName> names(String bindHost) {
    Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
    Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
    if (isIpAddress(bindHost)) {
      if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
        ips.add(bindHost);
      }
    } else {
      dns.add(bindHost);
    }
    List<GeneralName> names = new ArrayList<>();
    dns.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    ips.forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
    return names;
  }

  private static boolean coversHost(X509Certificate certificate, String bindHost) {
    if (bindHost.equals("0.0.0.0") || bindHost.equals("::")) {
      return true;
    }
    try {
      var names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return false;
      }
      for (List<?> name : names) {
        Object value = name.get(1);
        if (bindHost.equals(value)
            || (isIpAddress(bindHost) && value instanceof String s && isIpAddress(s)
                && InetAddress.getByName(s).equals(InetAddress.getByName(bindHost)))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException | IOException e) {
      return false;
    }
  }

  private static boolean isIpAddress(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  /** Writes owner-only, through a temporary file, so a crash never leaves half a key. */
  private static void writePrivate(Path target, String content) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    try {
      Files.createFile(temporary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(temporary);
    }
    Files.writeString(temporary, content, StandardCharsets.US_ASCII);
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
  }
}
