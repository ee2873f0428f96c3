package org.palermo.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.palermo.client.ClientException;
import org.palermo.text.Text;

/**
 * Which server certificates the client accepts: the system's authorities (default), the
 * authority in a PEM file ({@code --ca}), or exactly one certificate by its SHA-256
 * fingerprint ({@code --pin-cert}, as {@code scripts/run} prints it).
 */
public final class ServerTrust {
  private ServerTrust() {}

  public static SSLContext systemDefault() {
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SSLContext fromCaFile(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca" + i++, cert);
      }
      if (i == 0) {
        throw ClientException.usage(Text.of("http.no-certificate-in-ca-file", pem));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw ClientException.usage(Text.of("http.cannot-read-ca-file", pem, e.getMessage()));
    } catch (GeneralSecurityException e) {
      throw ClientException.usage(Text.of("http.not-a-pem-certificate", pem));
    }
  }

  /** Normalises a fingerprint given with or without colons, in either case. */
  public static byte[] parseFingerprint(String text) {
    String hex = text.replace(":", "").strip().toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw ClientException.usage(Text.of("http.bad-pinned-fingerprint"));
    }
    return HexFormat.of().parseHex(hex);
  }

  public static SSLContext pinned(byte[] sha256) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new PinnedTrustManager(sha256)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Accepts exactly the certificate with the pinned SHA-256, whatever its names or issuer. */
  private static final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final byte[] pin;

    PinnedTrustManager(byte[] pin) {
      this.pin = pin.clone();
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("no certificate");
      }
      try {
        byte[] actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
        if (!MessageDigest.isEqual(actual, pin)) {
          throw new CertificateException("the server's certificate is not the pinned one");
        }
      } catch (GeneralSecurityException e) {
        throw new CertificateException(e);
      }
      chain[0].checkValidity();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a client does not accept connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a client does not accept connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a client does not accept connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
