package org.palermo.security.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.passphrase.Argon2idParameters;
import org.palermo.security.passphrase.PassphraseKeys;
import org.palermo.security.seal.ContentSeal;
import org.palermo.security.seal.SealContext;
import org.palermo.security.wrap.KeyUnwrapException;
import org.palermo.security.wrap.KeyWrap;
import org.palermo.security.wrap.WrapInfo;

/** In-process figures for security/README.md; run by scripts/bench-crypto through JMH. */
public class CryptoBenchmarks {

    @State(Scope.Benchmark)
    public static class Content {
        @Param({"16777216"})
        public int size;
        final SymmetricKey key = SymmetricKey.generate();
        final SealContext context = SealContext.content(WorkspaceId.random(), DocumentId.random(), 1);
        byte[] plaintext;
        byte[] sealed;
        final byte[] buffer = new byte[1 << 16];

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            plaintext = new byte[size];
            new java.util.Random(1).nextBytes(plaintext);
            ByteArrayOutputStream out = new ByteArrayOutputStream(size + size / 1000 + 100);
            try (OutputStream s = ContentSeal.newSealingStream(key, context, out)) {
                s.write(plaintext);
            }
            sealed = out.toByteArray();
        }
    }

    /** Seals {@code size} bytes into a sink that discards; score is time per message. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void seal(Content c) throws IOException {
        try (OutputStream s = ContentSeal.newSealingStream(c.key, c.context, OutputStream.nullOutputStream())) {
            s.write(c.plaintext);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long open(Content c) throws IOException {
        long total = 0;
        try (InputStream in = ContentSeal.newOpeningStream(c.key, c.context, new ByteArrayInputStream(c.sealed))) {
            int n;
            while ((n = in.read(c.buffer)) != -1) {
                total += n;
            }
        }
        return total;
    }

    /** The parallel whole-stream path ({@link ContentSeal#seal(SymmetricKey, SealContext, InputStream, OutputStream)}). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long sealAll(Content c) throws IOException {
        return ContentSeal.seal(c.key, c.context, new ByteArrayInputStream(c.plaintext), OutputStream.nullOutputStream());
    }

    /** The parallel whole-stream path ({@link ContentSeal#open(SymmetricKey, SealContext, InputStream, OutputStream)}). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long openAll(Content c) throws IOException {
        return ContentSeal.open(c.key, c.context, new ByteArrayInputStream(c.sealed), OutputStream.nullOutputStream());
    }

    @State(Scope.Benchmark)
    public static class Wrap {
        final AgreementKeyPair recipient = AgreementKeyPair.generate();
        final SymmetricKey key = SymmetricKey.generate();
        final WrapInfo info = WrapInfo.epochKey(WorkspaceId.random(), 1, AccountId.random(), DeviceId.random());
        byte[] wrapped;

        @Setup(Level.Trial)
        public void setUp() {
            wrapped = KeyWrap.wrap(key, recipient.publicKey(), info);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] hpkeWrap(Wrap w) {
        return KeyWrap.wrap(w.key, w.recipient.publicKey(), w.info);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public SymmetricKey hpkeUnwrap(Wrap w) throws KeyUnwrapException {
        return KeyWrap.unwrap(w.wrapped, w.recipient, w.info);
    }

    @State(Scope.Benchmark)
    public static class Passphrase {
        final Argon2idParameters parameters = Argon2idParameters.recommended();
        final char[] passphrase = "correct horse battery staple".toCharArray();
    }

    /** Argon2id at the pinned minimum (t=3, m=64 MiB, p=1) plus the HKDF split. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PassphraseKeys argon2id(Passphrase p) {
        return PassphraseKeys.derive(p.passphrase, p.parameters);
    }
}
