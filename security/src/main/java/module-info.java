/**
 * The cryptographic core. Every package is exported except {@code internal}, which holds only
 * the canonical encoder and reader, SHA-256 and the random source: none takes a key or a nonce.
 * Primitives that do (AES-GCM with a nonce parameter, HKDF on raw key bytes) are package-private
 * in the one package that uses each ({@code seal.JdkAesGcm}, {@code bundle.BundleAead},
 * {@code passphrase.Hkdf}), so they stay unreachable on the class path too, where this file is
 * ignored. No public method takes a nonce, an IV or a raw key without
 * {@link org.palermo.security.InsecureSecretKeyAccess} ({@code ApiSurfaceTest} checks it).
 */
module org.palermo.security {
  requires org.bouncycastle.provider;

  exports org.palermo.security;
  exports org.palermo.security.audit;
  exports org.palermo.security.bundle;
  exports org.palermo.security.chain;
  exports org.palermo.security.disclosure;
  exports org.palermo.security.ids;
  exports org.palermo.security.keys;
  exports org.palermo.security.manifest;
  exports org.palermo.security.membership;
  exports org.palermo.security.passphrase;
  exports org.palermo.security.recovery;
  exports org.palermo.security.seal;
  exports org.palermo.security.sign;
  exports org.palermo.security.states;
  exports org.palermo.security.wrap;
}
