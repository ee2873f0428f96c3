package org.palermo.client.strip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palermo.text.Text;

class MetadataStripperTest {
  private final MetadataStripper stripper = new MetadataStripper();

  @TempDir
  Path dir;

  @Test
  void detectsByContentNotByName() throws Exception {
    Path jpeg = write("photo.png", Fixtures.encode(Fixtures.picture(8, 8), "jpg"));
    Path png = write("photo.jpg", Fixtures.encode(Fixtures.picture(8, 8), "png"));
    Path tiff = write("scan.pdf", Fixtures.encode(Fixtures.picture(8, 8), "tiff"));
    Path webp = write("picture", Fixtures.riff(Fixtures.riffChunk("VP8L", Fixtures.VP8L)));
    Path pdf = write("document.docx", Fixtures.ascii("%PDF-1.7\n%\u00e2\u00e3\n"));
    Path text = write("notes.jpg", Fixtures.ascii("just some notes"));
    Path empty = write("empty.pdf", new byte[0]);

    assertEquals(FileKind.JPEG, stripper.detect(jpeg));
    assertEquals(FileKind.PNG, stripper.detect(png));
    assertEquals(FileKind.TIFF, stripper.detect(tiff));
    assertEquals(FileKind.WEBP, stripper.detect(webp));
    assertEquals(FileKind.PDF, stripper.detect(pdf));
    assertEquals(FileKind.OTHER, stripper.detect(text));
    assertEquals(FileKind.OTHER, stripper.detect(empty));
    assertThrows(NoSuchFileException.class, () -> stripper.detect(dir.resolve("missing")));
  }

  @Test
  void unknownFormatIsCopiedUnchanged() throws Exception {
    byte[] random = new byte[100_000];
    new Random(42).nextBytes(random);
    random[0] = 0x00;
    Path source = write("data.jpg", random);

    StripReport report = stripper.strip(source, dir.resolve("copy"));

    assertEquals(FileKind.OTHER, report.kind());
    assertEquals(List.of(), report.removed());
    assertArrayEquals(random, Files.readAllBytes(dir.resolve("copy")));
  }

  @Test
  void targetIsReplacedAndNoTemporaryFileIsLeft() throws Exception {
    Path source = write("photo.jpg",
        Fixtures.jpegWithMetadata(Fixtures.picture(16, 16), (short) 0));
    Path target = write("out.jpg", Fixtures.ascii("old content"));

    stripper.strip(source, target);

    assertEquals(FileKind.JPEG, stripper.detect(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("out.jpg", "photo.jpg"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void failedStripLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
    byte[] jpeg = Fixtures.encode(Fixtures.picture(16, 16), "jpg");
    Path source = write("photo.jpg", java.util.Arrays.copyOf(jpeg, jpeg.length - 50));
    Path target = write("out.jpg", Fixtures.ascii("old content"));

    assertThrows(StripException.class, () -> stripper.strip(source, target));

    assertArrayEquals(Fixtures.ascii("old content"), Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.count());
    }
  }

  @Test
  void targetMustNotBeTheSource() throws Exception {
    Path source = write("photo.jpg", Fixtures.encode(Fixtures.picture(8, 8), "jpg"));
    assertThrows(IllegalArgumentException.class, () -> stripper.strip(source, source));
  }

  @Test
  void mediaTypesAndReport() {
    List<String> types = new ArrayList<>();
    for (FileKind kind : FileKind.values()) {
      types.add(kind.mediaType());
    }
    assertEquals("image/jpeg", FileKind.JPEG.mediaType());
    assertEquals("application/octet-stream", FileKind.OTHER.mediaType());
    assertTrue(FileKind.DOCX.mediaType().endsWith("wordprocessingml.document"));
    assertEquals(types.size(), types.stream().distinct().count());
    List<Text> removed = new ArrayList<>(List.of(Text.of("strip.xmp")));
    StripReport report = new StripReport(FileKind.PNG, removed);
    removed.add(Text.of("strip.gps"));
    assertEquals(List.of("XMP"), Fixtures.removed(report));
    assertThrows(UnsupportedOperationException.class,
        () -> report.removed().add(Text.of("strip.gps")));
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }
}
