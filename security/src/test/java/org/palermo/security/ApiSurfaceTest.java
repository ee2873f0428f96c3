package org.palermo.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server puts this module on the class path, where {@code module-info} hides nothing: every
 * public method is reachable. No public method may take a nonce, an IV or a raw key unless it
 * also takes {@link InsecureSecretKeyAccess}. Every public method or constructor that takes a
 * byte array without the token is listed below, reviewed: each takes public data (encodings,
 * ciphertexts, signatures, messages, salts of a stored format).
 */
class ApiSurfaceTest {
    static final Set<String> REVIEWED = Set.of(
            "audit.AuditEvent.decode(byte[])", // an entry's payload
            "audit.AuditEvent$SignedOff.<init>(WorkspaceId,Instant,long,DocumentId,long,byte[])", // a sign-off's hash
            "audit.AuditEvent$VersionPut.<init>(WorkspaceId,Instant,long,DocumentId,long,byte[])", // a manifest's hash
            "audit.AuditExport.decode(byte[])", // an export file
            "bundle.KeyBundle.changePassphrase(byte[],BundleKey,BundleKey)", // a sealed bundle
            "bundle.KeyBundle.open(byte[],BundleKey)", // a sealed bundle
            "chain.ChainEntry.decode(byte[])", // an entry's encoding
            "chain.ChainEntry.genesis(ChainKind,SigningKeyPair,byte[])", // a payload to sign
            "chain.ChainEntry.next(ChainKind,ChainEntry,SigningKeyPair,byte[])", // a payload to sign
            "chain.ChainHead.<init>(long,byte[])", // an entry hash
            "ids.AccountId.of(byte[])", // an id
            "ids.DeviceId.of(byte[])", // an id
            "ids.DocumentId.of(byte[])", // an id
            "ids.Id128.<init>(byte[])", // an id
            "ids.InvitationId.of(byte[])", // an id
            "ids.WorkspaceId.of(byte[])", // an id
            "internal.Canonical.bytes(byte[])", // a field to encode
            "internal.Canonical.fixed(byte[],int)", // a field to encode
            "internal.CanonicalReader.<init>(byte[])", // an encoding to read
            "keys.AgreementPublicKey.decode(byte[])", // a public key
            "keys.AgreementPublicKey.fromRaw(byte[])", // a public key
            "keys.Identity.decode(byte[])", // public keys and ids
            "keys.SigningKeyPair.sign(SignaturePurpose,byte[])", // a message
            "keys.SigningPublicKey.decode(byte[])", // a public key
            "keys.SigningPublicKey.fromRaw(byte[])", // a public key
            "keys.SigningPublicKey.verify(SignaturePurpose,byte[],byte[])", // a message and a signature
            "manifest.DocumentManifest.decode(byte[])", // a manifest's encoding
            "manifest.DocumentManifest.verify(SigningPublicKey,byte[])", // a signature
            "manifest.DocumentManifest$Builder.wrappedKey(byte[])", // a wrapped key
            "manifest.SealedPart.<init>(long,byte[])", // a sealed stream's public header
            "membership.EpochWrap.<init>(long,AccountId,DeviceId,byte[])", // a wrapped key
            "membership.MembershipChange$Create.<init>(WorkspaceId,HistoryRule,Identity,byte[],List)", // a sealed name
            "membership.MembershipChange.decode(byte[])", // an entry's payload
            "membership.MembershipLog.identityByKeyId(byte[])", // a key id
            "membership.WorkspaceName.open(byte[],SymmetricKey,WorkspaceId)", // a sealed name
            "states.StateRegistryChange.decode(byte[])", // an entry's payload
            "disclosure.DisclosureChange.decode(byte[])", // an entry's payload
            "passphrase.Argon2idParameters.decode(byte[])", // stored parameters
            "passphrase.Argon2idParameters.of(int,int,int,byte[])", // an Argon2 salt (public, stored by the server)
            "seal.ContentSeal.newRangeOpeningStream(SymmetricKey,SealContext,byte[],long,long,InputStream)", // a sealed header
            "seal.OpeningInputStream.read(byte[],int,int)", // a buffer for plaintext
            "seal.SealingOutputStream.write(byte[],int,int)", // plaintext
            "sign.LoginChallenge.decode(byte[])", // a challenge
            "sign.LoginChallenge.verify(SigningPublicKey,byte[])", // a signature
            "sign.SignaturePurpose.signedBytes(byte[])", // a message
            "wrap.DocumentKeyWrap.unwrap(byte[],SymmetricKey,WorkspaceId,DocumentId,long,long)", // a wrapped key
            "wrap.KeyWrap.unwrap(byte[],AgreementKeyPair,WrapInfo)"); // a wrapped key

    @Test
    void publicApi_byteArrayParametersWithoutAccessToken_onlyTheReviewedOnes() throws Exception {
        Set<String> found = new TreeSet<>();
        for (Class<?> c : publicClasses()) {
            List<Executable> members = new ArrayList<>(Arrays.asList(c.getDeclaredConstructors()));
            members.addAll(Arrays.asList(c.getDeclaredMethods()));
            for (Executable m : members) {
                boolean visible = Modifier.isPublic(m.getModifiers())
                        || (Modifier.isProtected(m.getModifiers()) && !Modifier.isFinal(c.getModifiers()));
                List<Class<?>> params = Arrays.asList(m.getParameterTypes());
                if (visible && !m.isSynthetic() && params.contains(byte[].class)
                        && !params.contains(InsecureSecretKeyAccess.class)) {
                    String name = m instanceof java.lang.reflect.Constructor ? "<init>" : m.getName();
                    found.add(c.getName().substring("org.palermo.security.".length()) + "." + name + "("
                            + params.stream().map(Class::getSimpleName).collect(Collectors.joining(",")) + ")");
                }
            }
        }
        assertEquals(new TreeSet<>(REVIEWED), found, "review every new public method that takes bytes");
    }

    @Test
    void rawAeadAndKdfClasses_notPublic() throws Exception {
        for (String name : List.of("org.palermo.security.seal.JdkAesGcm", "org.palermo.security.bundle.BundleAead",
                "org.palermo.security.passphrase.Hkdf", "org.palermo.security.wrap.WrapAesGcm",
                "org.palermo.security.membership.NameAesGcm")) {
            assertFalse(Modifier.isPublic(Class.forName(name).getModifiers()), name);
        }
        for (Class<?> c : publicClasses()) {
            assertFalse(c.getSimpleName().contains("Aes") || c.getSimpleName().contains("Hkdf"), c.getName());
        }
    }

    /** Public top-level and public nested classes of the module, found from its class files. */
    static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(InsecureSecretKeyAccess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String rel = root.relativize(f).toString();
                if (rel.equals("module-info.class")) {
                    continue;
                }
                Class<?> c = Class.forName(rel.substring(0, rel.length() - 6).replace('/', '.'), false,
                        ApiSurfaceTest.class.getClassLoader());
                boolean reachable = true;
                for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
                    reachable &= Modifier.isPublic(k.getModifiers());
                }
                if (reachable) {
                    out.add(c);
                }
            }
        }
        assertTrue(out.size() > 40, "found too few classes: " + out.size());
        return out;
    }
}
