package org.palermo.server.bootstrap;

import java.time.Clock;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.palermo.server.config.ServerConfig;
import org.palermo.server.tls.DevelopmentCertificate;
import org.palermo.server.tls.PemTlsLoader;
import org.palermo.server.tls.TlsMaterial;

/** The HTTPS connector: TLS 1.3 and 1.2 only, forward-secret AEAD suites only. */
final class Tls {
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  static final String[] CIPHER_SUITES = {
    "TLS_AES_256_GCM_SHA384",
    "TLS_AES_128_GCM_SHA256",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  };

  private Tls() {}

  /** The operator's PEM files when given, else the development certificate in the data folder. */
  static TlsMaterial material(ServerConfig config, Clock clock) {
    if (config.tlsCertificate().isPresent()) {
      return PemTlsLoader.load(config.tlsCertificate().get(), config.tlsPrivateKey().orElseThrow(),
          false);
    }
    return new DevelopmentCertificate(config.dataDir().resolve("tls"), clock)
        .loadOrCreate(config.bindHost());
  }

  static ServerConnector connector(Server server, ServerConfig config, TlsMaterial tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.keyStore());
    ssl.setKeyStorePassword(new String(tls.keyStorePassword()));
    ssl.setKeyManagerPassword(new String(tls.keyStorePassword()));
    ssl.setIncludeProtocols(PROTOCOLS);
    ssl.setIncludeCipherSuites(CIPHER_SUITES);
    ssl.setUseCipherSuitesOrder(true);
    ssl.setRenegotiationAllowed(false);
    ssl.setSniRequired(false);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(config.maxHeaderBytes());
    http.setSecureScheme("https");
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Clients reach the server by address as often as by name; the certificate check is theirs.
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);

    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    connector.setHost(config.bindHost());
    connector.setPort(config.httpsPort());
    connector.setIdleTimeout(30_000);
    return connector;
  }
}
