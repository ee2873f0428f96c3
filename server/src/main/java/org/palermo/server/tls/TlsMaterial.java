package org.palermo.server.tls;

import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The server's certificate chain and private key, held in an in-memory key store for Jetty.
 *
 * @param certificateFile where the leaf certificate's PEM lives (printed for operators)
 * @param generated whether this is the development certificate made by the server itself
 */
public record TlsMaterial(
    KeyStore keyStore, char[] keyStorePassword, X509Certificate leaf, Path certificateFile,
    boolean generated) {

  /** SHA-256 over the leaf certificate's DER, as colon-separated upper-case hex. */
  public String sha256Fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
      return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint the certificate", e);
    }
  }
}
