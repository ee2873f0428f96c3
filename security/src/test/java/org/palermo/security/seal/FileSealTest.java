package org.palermo.security.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealing a file into a file by position ({@link ContentSeal#sealFile}): the same bytes as the
 * streams at every chunk and batch boundary, a progress that only ever names finished bytes, and
 * no target left behind when anything fails or the source changes.
 */
class FileSealTest {
    static final int C = ContentSeal.CHUNK_SIZE;
    static final byte[] KEY = ChunkPipelineTest.KEY;
    static final byte[] CTX = ChunkPipelineTest.CTX;
    static final byte[] SALT = ChunkPipelineTest.SALT;

    @TempDir
    Path tmp;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    @Test
    void sealFile_everySizeAroundChunkAndBatchBoundaries_sameBytesAsTheStream() throws IOException {
        for (int batch : new int[] {1, ChunkPipelineTest.BATCH, ChunkPipeline.BATCH_CHUNKS}) {
            List<Integer> sizes = new ArrayList<>(ChunkPipelineTest.sizes());
            sizes.addAll(List.of(16 * C - 1, 16 * C, 16 * C + 1, 33 * C + 5));
            for (int size : sizes) {
                byte[] plain = ContentSealTest.plaintext(size);
                Path source = write("plain", plain);
                Path target = tmp.resolve("sealed");
                assertEquals(size, ContentSeal.sealFile(KEY, CTX, SALT, source, target, batch, n -> { }));
                byte[] sealed = Files.readAllBytes(target);
                assertArrayEquals(ChunkPipelineTest.streamSeal(plain), sealed, "size " + size + ", batch " + batch);
                assertArrayEquals(plain, ContentSeal.openingStream(KEY, CTX, new ByteArrayInputStream(sealed)).readAllBytes());
            }
        }
    }

    @Test
    void sealFile_publicApi_opensWithTheKeyAndContextOnly() throws IOException {
        byte[] plain = ContentSealTest.plaintext(5 * C + 77);
        Path target = tmp.resolve("sealed");
        assertEquals(plain.length, ContentSeal.sealFile(ContentSealTest.KEY, ContentSealTest.CONTEXT, write("plain", plain), target));
        assertEquals(ContentSeal.ciphertextLength(plain.length), Files.size(target));
        assertArrayEquals(plain, ContentSeal.newOpeningStream(ContentSealTest.KEY, ContentSealTest.CONTEXT,
                Files.newInputStream(target)).readAllBytes());
        // A fresh salt each time: sealing again gives other bytes.
        Path again = tmp.resolve("again");
        ContentSeal.sealFile(ContentSealTest.KEY, ContentSealTest.CONTEXT, write("plain", plain), again);
        assertFalse(Arrays.equals(Files.readAllBytes(target), Files.readAllBytes(again)));
    }

    @Test
    void sealFile_progress_namesOnlyFinishedBytesInIncreasingOrder() throws IOException {
        byte[] plain = ContentSealTest.plaintext(40 * C + 123);
        byte[] expected = ChunkPipelineTest.streamSeal(plain);
        Path source = write("plain", plain);
        Path target = tmp.resolve("sealed");
        List<Long> told = new ArrayList<>();
        ContentSeal.sealFile(KEY, CTX, SALT, source, target, 1, prefix -> {
            synchronized (told) {
                told.add(prefix);
                try {
                    // What progress names is already final in the file, whatever the workers are doing.
                    byte[] now = Files.readAllBytes(target);
                    assertTrue(now.length >= prefix, "prefix beyond the file");
                    assertArrayEquals(Arrays.copyOf(expected, (int) (long) prefix), Arrays.copyOf(now, (int) (long) prefix));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        assertEquals((long) ContentSeal.HEADER_LENGTH, told.get(0));
        assertEquals(expected.length, told.get(told.size() - 1));
        for (int i = 1; i < told.size(); i++) {
            assertTrue(told.get(i) > told.get(i - 1), "not increasing at " + i + ": " + told);
        }
        // A batch finished ahead of an earlier one is told together with it, so at most 42 calls.
        assertTrue(told.size() >= 2 && told.size() <= 42, told::toString);
    }

    @Test
    void sealFile_sourceShrinksWhileSealed_failsAndLeavesNoTarget() throws IOException {
        assertFailsAsChanged(20 * C, FileSealTest::truncate);
    }

    @Test
    void sealFile_sourceGrowsWhileSealed_failsAndLeavesNoTarget() throws IOException {
        assertFailsAsChanged(4 * C, FileSealTest::append);
    }

    /** Changes the source once its header is written, before any chunk is read. */
    private void assertFailsAsChanged(int size, Consumer<Path> change) throws IOException {
        Path source = write("plain", ContentSealTest.plaintext(size));
        Path target = tmp.resolve("sealed");
        IOException e = assertThrows(IOException.class, () -> ContentSeal.sealFile(KEY, CTX, SALT, source, target, 1,
                prefix -> {
                    if (prefix == ContentSeal.HEADER_LENGTH) {
                        change.accept(source);
                    }
                }));
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void sealFile_targetLeftWithAChunkUnwritten_opensOnlyUpToThatChunk() throws IOException {
        // What a process killed mid-way leaves: later batches (the final chunk among them)
        // written, an earlier one still a hole, which reads as zeros.
        byte[] plain = ContentSealTest.plaintext(6 * C + 99);
        Path target = tmp.resolve("sealed");
        ContentSeal.sealFile(KEY, CTX, SALT, write("plain", plain), target, 1, n -> { });
        byte[] sealed = Files.readAllBytes(target);
        int hole = 3;
        int offset = ContentSeal.HEADER_LENGTH + hole * ContentSeal.SEALED_CHUNK_SIZE;
        Arrays.fill(sealed, offset, offset + ContentSeal.SEALED_CHUNK_SIZE, (byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(SealedContentException.class, () -> ContentSeal.openingStream(KEY, CTX,
                new ByteArrayInputStream(sealed)).transferTo(out));
        assertArrayEquals(Arrays.copyOf(plain, hole * C), out.toByteArray());
    }

    @Test
    void sealFile_progressThrows_sameExceptionAndNoTarget() throws IOException {
        Path source = write("plain", ContentSealTest.plaintext(10 * C));
        Path target = tmp.resolve("sealed");
        IllegalStateException thrown = new IllegalStateException("listener failed");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ContentSeal.sealFile(KEY, CTX, SALT,
                source, target, 1, prefix -> {
                    if (prefix > 5 * ContentSeal.SEALED_CHUNK_SIZE) {
                        throw thrown;
                    }
                }));
        assertSame(thrown, e);
        assertFalse(Files.exists(target));
    }

    @Test
    void sealFile_missingSource_leavesAnExistingTargetAlone() throws IOException {
        Path target = write("sealed", new byte[] {1, 2, 3});
        assertThrows(NoSuchFileException.class,
                () -> ContentSeal.sealFile(ContentSealTest.KEY, ContentSealTest.CONTEXT, tmp.resolve("missing"), target));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    }

    @Test
    void sealFile_sourceNotARegularFile_refusedBeforeTheTargetIsTouched() throws IOException {
        Path target = write("sealed", new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class,
                () -> ContentSeal.sealFile(ContentSealTest.KEY, ContentSealTest.CONTEXT, tmp, target));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    }

    @Test
    void sealFile_targetIsTheSource_refusedAndTheSourceKept() throws IOException {
        byte[] plain = ContentSealTest.plaintext(3 * C);
        Path source = write("plain", plain);
        assertThrows(IllegalArgumentException.class, () -> ContentSeal.sealFile(ContentSealTest.KEY,
                ContentSealTest.CONTEXT, source, tmp.resolve(".").resolve("plain")));
        assertArrayEquals(plain, Files.readAllBytes(source));
    }

    @Test
    void sealFile_targetInMissingDirectory_noSuchFile() throws IOException {
        Path source = write("plain", ContentSealTest.plaintext(100));
        assertThrows(NoSuchFileException.class, () -> ContentSeal.sealFile(ContentSealTest.KEY,
                ContentSealTest.CONTEXT, source, tmp.resolve("no-such-dir").resolve("sealed")));
    }

    @Test
    void sealFile_replacesALongerTarget() throws IOException {
        byte[] plain = ContentSealTest.plaintext(3);
        Path target = write("sealed", new byte[100_000]);
        ContentSeal.sealFile(KEY, CTX, SALT, write("plain", plain), target, 16, n -> { });
        assertArrayEquals(ChunkPipelineTest.streamSeal(plain), Files.readAllBytes(target));
    }

    private static void truncate(Path file) {
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(C / 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file) {
        try {
            Files.write(file, new byte[] {42}, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
