package org.palermo.client.document;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.manifest.SealedPart;
import org.palermo.security.seal.ContentSeal;
import org.palermo.security.seal.SealContext;

/** Sealing a file while its sealed bytes are read: the header for the manifest, then the whole file. */
class SealingFileTest {
  private static final SealContext CONTEXT =
      SealContext.content(WorkspaceId.random(), DocumentId.random(), 1);

  @TempDir
  Path tmp;

  @Test
  void sealedWhileRead_headerAndBytesMatchTheFinishedFileAndOpen() throws IOException {
    byte[] plain = new byte[40 * ContentSeal.CHUNK_SIZE + 321];
    new Random(7).nextBytes(plain);
    Path source = Files.write(tmp.resolve("plain"), plain);
    Path target = tmp.resolve("sealed");
    SymmetricKey key = SymmetricKey.generate();
    SealingFile sealing = SealingFile.start(key, CONTEXT, source, plain.length, target);
    SealedPart part = sealing.part();
    byte[] streamed;
    try (InputStream in = sealing.open(0, sealing.sealedLength())) {
      streamed = in.readAllBytes();
    }
    sealing.finish();
    byte[] sealed = Files.readAllBytes(target);
    assertEquals(ContentSeal.ciphertextLength(plain.length), part.sealedLength());
    assertArrayEquals(Arrays.copyOf(sealed, SealedPart.HEADER_LENGTH), part.header());
    assertArrayEquals(sealed, streamed);
    try (InputStream in = ContentSeal.newOpeningStream(key, CONTEXT, Files.newInputStream(target))) {
      assertArrayEquals(plain, in.readAllBytes());
    }
  }

  @Test
  void lengthNoLongerTheOneMeasured_stoppedAsAChangedFile() throws IOException {
    Path source = Files.write(tmp.resolve("plain"), new byte[3 * ContentSeal.CHUNK_SIZE]);
    SealingFile sealing = SealingFile.start(SymmetricKey.generate(), CONTEXT, source,
        3 * ContentSeal.CHUNK_SIZE + 1, tmp.resolve("sealed"));
    SealingFile.Stopped stopped = assertThrows(SealingFile.Stopped.class, sealing::finish);
    assertEquals("document.file-changed-while-sealing", stopped.text().key());
  }
}
