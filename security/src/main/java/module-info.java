/**
 * The cryptographic core. Every package is exported except {@code internal}, whose primitives
 * (raw AES-GCM with a nonce parameter, HKDF on byte arrays) only the exported APIs may compose.
 */
module org.palermo.security {
  requires org.bouncycastle.provider;

  exports org.palermo.security;
  exports org.palermo.security.bundle;
  exports org.palermo.security.chain;
  exports org.palermo.security.ids;
  exports org.palermo.security.keys;
  exports org.palermo.security.passphrase;
  exports org.palermo.security.recovery;
  exports org.palermo.security.seal;
  exports org.palermo.security.sign;
  exports org.palermo.security.wrap;
}
