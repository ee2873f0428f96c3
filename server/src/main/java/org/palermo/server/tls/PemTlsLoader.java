package org.palermo.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.palermo.server.config.ConfigException;
import org.palermo.server.config.FileProblems;

/** Reads a PEM certificate chain and private key (PKCS#8, EC or RSA) given by the operator. */
public final class PemTlsLoader {
  private PemTlsLoader() {}

  public static TlsMaterial load(Path certificateFile, Path keyFile, boolean generated) {
    List<X509Certificate> chain = readChain(certificateFile);
    PrivateKey key = readKey(keyFile);
    if (!matches(chain.get(0), key)) {
      throw new ConfigException("The private key in " + keyFile
          + " does not belong to the certificate in " + certificateFile);
    }
    try {
      char[] password = randomPassword();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("palermo", key, password, chain.toArray(new Certificate[0]));
      return new TlsMaterial(store, password, chain.get(0), certificateFile, generated);
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("Cannot use the TLS key and certificate: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> readChain(Path file) {
    List<X509Certificate> chain = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw unreadable("certificate", "PALERMO_TLS_CERT", file, e);
    }
    if (chain.isEmpty()) {
      throw new ConfigException("No PEM certificate in " + file
          + " (PALERMO_TLS_CERT): expected -----BEGIN CERTIFICATE-----");
    }
    return chain;
  }

  private static PrivateKey readKey(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
      }
    } catch (IOException | RuntimeException e) {
      throw unreadable("private key", "PALERMO_TLS_KEY", file, e);
    }
    throw new ConfigException("No unencrypted PEM private key in " + file
        + " (PALERMO_TLS_KEY): expected -----BEGIN PRIVATE KEY-----");
  }

  private static boolean matches(X509Certificate certificate, PrivateKey key) {
    try {
      String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA"
          : key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : key.getAlgorithm();
      java.security.Signature signer = java.security.Signature.getInstance(algorithm);
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      signer.initVerify(certificate.getPublicKey());
      signer.update(probe);
      return signer.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static ConfigException unreadable(String what, String variable, Path file, Exception e) {
    String reason = FileProblems.reason(e).orElse("not valid PEM");
    return new ConfigException("Cannot read the TLS " + what + " " + file + " (" + variable + "): "
        + reason, e);
  }

  static char[] randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return java.util.Base64.getEncoder().encodeToString(bytes).toCharArray();
  }
}
