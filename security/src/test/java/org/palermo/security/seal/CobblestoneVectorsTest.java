package org.palermo.security.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.palermo.security.testing.Vectors.hasFlag;
import static org.palermo.security.testing.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.testing.Vectors;

/** Wycheproof c2sp_chunked_encryption_aes_256_gcm_test.json, applied as its doc says. */
class CobblestoneVectorsTest {
    private static final String FILE = "c2sp_chunked_encryption_aes_256_gcm_test.json";

    @TempDir
    Path tmp;

    static List<JsonNode> vectors() {
        List<JsonNode> tests = Vectors.wycheproofTests(FILE);
        for (JsonNode t : tests) {
            assertEquals("AEAD_AES_256_GCM", t.get("group").path("aead").asText());
            assertEquals("SHA-512", t.get("group").path("sha").asText());
        }
        return tests;
    }

    static byte[] ciphertext(JsonNode t) throws IOException {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(hex(t.get("ct"))))) {
            return in.readAllBytes();
        }
    }

    @TestFactory
    Stream<DynamicTest> streamingOpen_everyVector_matchesExpectedResult() {
        return vectors().stream().map(t -> dynamicTest(Vectors.name(t), () -> checkStreaming(t)));
    }

    /** The parallel whole-stream path, with batches of 1, 2 and 64 chunks: same results, same prefix rule. */
    @TestFactory
    Stream<DynamicTest> pipelineOpen_everyVector_matchesExpectedResultAndReleasesOnlyTheAuthenticPrefix() {
        return vectors().stream().filter(t -> !hasFlag(t, "InvalidKeySize")).map(t -> dynamicTest(Vectors.name(t), () -> {
            for (int batch : new int[] {1, 2, 64}) {
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                SealedContentException failure = null;
                try {
                    ContentSeal.open(hex(t.get("key")), hex(t.get("ctx")), new ByteArrayInputStream(ciphertext(t)), sink, batch);
                } catch (SealedContentException e) {
                    failure = e;
                }
                long msgLength = t.path("msgLength").asLong(0);
                boolean valid = t.get("result").asText().equals("valid");
                assertEquals(valid, failure == null, "batch " + batch);
                if (!valid) {
                    assertEquals(SealedContentException.MESSAGE, failure.getMessage());
                }
                if (valid || hasFlag(t, "PartialPlaintext")) {
                    assertEquals(msgLength, sink.size(), "batch " + batch);
                    assertArrayEquals(hex(t.get("msgSha512")), MessageDigest.getInstance("SHA-512").digest(sink.toByteArray()));
                } else {
                    assertEquals(0, sink.size(), "released plaintext from a vector with no valid prefix, batch " + batch);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> sealWithVectorSalt_validVectors_reproduceCiphertextExactly() {
        return vectors().stream().filter(t -> t.get("result").asText().equals("valid"))
                .map(t -> dynamicTest(Vectors.name(t), () -> checkReseal(t)));
    }

    @TestFactory
    Stream<DynamicTest> fileReader_everyVector_matchesExpectedResult() {
        return vectors().stream().filter(t -> !hasFlag(t, "InvalidKeySize"))
                .map(t -> dynamicTest(Vectors.name(t), () -> checkRandomAccess(t)));
    }

    @TestFactory
    Stream<DynamicTest> keyHandle_invalidKeySizeVectors_rejectKey() {
        List<JsonNode> invalidSize = vectors().stream().filter(t -> hasFlag(t, "InvalidKeySize")).toList();
        assertTrue(invalidSize.size() > 0, "no InvalidKeySize vectors");
        return invalidSize.stream().map(t -> dynamicTest(Vectors.name(t), () -> {
            byte[] key = hex(t.get("key"));
            assertThrows(IllegalArgumentException.class,
                    () -> SymmetricKey.fromBytes(key, InsecureSecretKeyAccess.get()));
            assertThrows(IllegalArgumentException.class,
                    () -> ContentSeal.openingStream(key, hex(t.get("ctx")), new ByteArrayInputStream(ciphertext(t))));
        }));
    }

    private static void checkStreaming(JsonNode t) throws Exception {
        byte[] key = hex(t.get("key"));
        if (hasFlag(t, "InvalidKeySize")) {
            assertThrows(IllegalArgumentException.class,
                    () -> ContentSeal.openingStream(key, hex(t.get("ctx")), new ByteArrayInputStream(ciphertext(t))));
            return;
        }
        InputStream in = ContentSeal.openingStream(key, hex(t.get("ctx")), new ByteArrayInputStream(ciphertext(t)));
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        long emitted = 0;
        byte[] buf = new byte[7000]; // not a divisor of the chunk size, to exercise partial reads
        SealedContentException failure = null;
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                sha512.update(buf, 0, n);
                emitted += n;
            }
        } catch (SealedContentException e) {
            failure = e;
        }
        long msgLength = t.path("msgLength").asLong(0);
        if (t.get("result").asText().equals("valid")) {
            assertEquals(null, failure, "valid vector failed");
            assertEquals(msgLength, emitted);
            assertArrayEquals(hex(t.get("msgSha512")), sha512.digest());
            assertEquals(-1, in.read(), "end of stream stays the end");
            return;
        }
        assertTrue(failure != null, "invalid vector opened");
        assertEquals(SealedContentException.MESSAGE, failure.getMessage());
        if (hasFlag(t, "PartialPlaintext")) {
            // Exactly the valid prefix: every authentic chunk, and not a byte past the last one.
            assertEquals(msgLength, emitted, "released a different amount than the authentic prefix");
            assertArrayEquals(hex(t.get("msgSha512")), sha512.digest());
        } else {
            assertEquals(0, emitted, "released plaintext from a vector with no valid prefix");
        }
        // Keeps failing, never a clean end of stream.
        for (int i = 0; i < 3; i++) {
            assertThrows(SealedContentException.class, () -> in.read());
            assertThrows(SealedContentException.class, () -> in.read(new byte[10]));
            assertThrows(SealedContentException.class, () -> in.available());
        }
    }

    private void checkReseal(JsonNode t) throws Exception {
        byte[] ct = ciphertext(t);
        byte[] key = hex(t.get("key"));
        byte[] ctx = hex(t.get("ctx"));
        byte[] plaintext = ContentSeal.openingStream(key, ctx, new ByteArrayInputStream(ct)).readAllBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream seal = ContentSeal.sealingStream(key, ctx, Arrays.copyOf(ct, 24), out)) {
            seal.write(plaintext);
        }
        assertArrayEquals(ct, out.toByteArray());
        for (int batch : new int[] {1, 2, 64}) {
            ByteArrayOutputStream parallel = new ByteArrayOutputStream();
            ContentSeal.seal(key, ctx, Arrays.copyOf(ct, 24), new ByteArrayInputStream(plaintext), parallel, batch);
            assertArrayEquals(ct, parallel.toByteArray(), "pipeline, batch " + batch);
            Path plainFile = Files.write(tmp.resolve("reseal-plain-" + t.get("tcId").asInt()), plaintext);
            Path sealedFile = tmp.resolve("reseal-" + t.get("tcId").asInt());
            ContentSeal.sealFile(key, ctx, Arrays.copyOf(ct, 24), plainFile, sealedFile, batch, n -> { });
            assertArrayEquals(ct, Files.readAllBytes(sealedFile), "file, batch " + batch);
        }
    }

    private void checkRandomAccess(JsonNode t) throws Exception {
        Path file = tmp.resolve("v" + t.get("tcId").asInt());
        Files.write(file, ciphertext(t));
        byte[] key = hex(t.get("key"));
        byte[] ctx = hex(t.get("ctx"));
        boolean valid = t.get("result").asText().equals("valid");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        long total = 0;
        boolean failed = false;
        boolean lengthFailed = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SealedFileReader reader;
            try {
                reader = new SealedFileReader(ch, key, ctx);
            } catch (SealedContentException e) {
                assertTrue(!valid, "valid vector refused at open");
                return;
            }
            try {
                reader.plaintextLength();
            } catch (SealedContentException e) {
                lengthFailed = true;
            }
            try {
                for (long k = 0; k < reader.chunkCount(); k++) {
                    byte[] chunk = reader.readChunk(k);
                    sha512.update(chunk);
                    total += chunk.length;
                }
            } catch (SealedContentException e) {
                failed = true;
            }
        }
        if (valid) {
            assertTrue(!failed && !lengthFailed);
            assertEquals(t.get("msgLength").asLong(), total);
            assertArrayEquals(hex(t.get("msgSha512")), sha512.digest());
        } else {
            assertTrue(failed, "reading every chunk of an invalid vector succeeded");
            if (!hasFlag(t, "ValidFinalChunk")) {
                assertTrue(lengthFailed, "length authenticated for an invalid vector");
            }
        }
    }
}
