package org.palermo.client.strip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.palermo.text.Text;

/**
 * Removes metadata from a TIFF by writing a new file: each image directory (page) keeps only the
 * tags needed to show the picture (size, layout, compression, colour, resolution, orientation,
 * ICC profile) and the strips or tiles they point to, copied byte for byte from the source. All
 * other tags go, among them the EXIF and GPS directories, XMP (700), IPTC (33723), Photoshop
 * resources (34377), GeoTIFF tags, Artist, HostComputer, Software, DateTime, ImageDescription,
 * Make, Model and Copyright; so does any unreferenced data in the file.
 *
 * <p>Image data is streamed from file to file; only the directories are held in memory. BigTIFF
 * and TIFF-based camera raw files (DNG, CR2, NEF: recognised by SubIFDs or DNG tags) are refused,
 * as keeping only the baseline tags would not leave a usable picture.
 */
final class TiffStripper {
  private static final int TAG_STRIP_OFFSETS = 273;
  private static final int TAG_STRIP_BYTE_COUNTS = 279;
  private static final int TAG_TILE_OFFSETS = 324;
  private static final int TAG_TILE_BYTE_COUNTS = 325;
  private static final int TAG_JPEG_IF = 513;
  private static final int TAG_JPEG_IF_LENGTH = 514;
  private static final int TAG_SUB_IFDS = 330;
  private static final int TAG_DNG_VERSION = 50706;
  private static final int TYPE_SHORT = 3;
  private static final int TYPE_LONG = 4;
  private static final int TYPE_IFD = 13;
  private static final int MAX_DIRECTORIES = 65_536;
  private static final long MAX_VALUE_BYTES = 64L << 20;
  private static final long MAX_TOTAL_VALUE_BYTES = 256L << 20;

  /** Tags that describe how to show the picture; every other tag is dropped. */
  private static final Set<Integer> KEEP = Set.of(
      254, 255, 256, 257, 258, 259, 262, 263, 264, 265, 266, 273, 274, 277, 278, 279, 280,
      281, 282, 283, 284, 286, 287, 290, 291, 292, 293, 296, 297, 301, 317, 318, 319, 320,
      321, 322, 323, 324, 325, 332, 333, 334, 336, 338, 339, 340, 341, 342, 347, 512, 513,
      514, 515, 517, 518, 519, 520, 521, 529, 530, 531, 532, 34675);

  private static final Set<Integer> GEOTIFF = Set.of(33550, 33922, 34264, 34735, 34736, 34737);

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(269, "DocumentName"), Map.entry(270, "ImageDescription"), Map.entry(271, "Make"),
      Map.entry(272, "Model"), Map.entry(285, "PageName"), Map.entry(288, "FreeOffsets"),
      Map.entry(289, "FreeByteCounts"), Map.entry(305, "Software"), Map.entry(306, "DateTime"),
      Map.entry(315, "Artist"), Map.entry(316, "HostComputer"), Map.entry(337, "TargetPrinter"),
      Map.entry(18246, "Rating"), Map.entry(18249, "RatingPercent"),
      Map.entry(33432, "Copyright"), Map.entry(37724, "ImageSourceData"),
      Map.entry(40091, "XPTitle"), Map.entry(40092, "XPComment"), Map.entry(40093, "XPAuthor"),
      Map.entry(40094, "XPKeywords"), Map.entry(40095, "XPSubject"),
      Map.entry(50341, "PrintIM"));

  private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};

  /** A kept tag with its raw value, in the byte order of the file. */
  private record Field(int tag, int type, long count, byte[] value) {}

  /** A run of image data in the source. */
  private record Block(long offset, long length) {}

  /** One directory to write: its kept fields and, per offset tag, the data it points to. */
  private record Directory(List<Field> fields, Map<Integer, List<Block>> data) {}

  private final FileChannel in;
  private final long size;
  private ByteOrder order;
  private long valueBytes;
  private boolean exif;
  private boolean gps;
  private final Set<Text> categories = new LinkedHashSet<>();
  /** Names of dropped tags, or for a tag without a name its number as a text. */
  private final Set<Object> tagNames = new LinkedHashSet<>();

  private TiffStripper(FileChannel in) throws IOException {
    this.in = in;
    this.size = in.size();
  }

  static List<Text> strip(Path source, Path target) throws IOException, StripException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.CREATE)) {
      return new TiffStripper(in).run(out);
    }
  }

  private List<Text> run(FileChannel out) throws IOException, StripException {
    ByteBuffer header = read(0, 8);
    if (header.get(0) == 'I' && header.get(1) == 'I') {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (header.get(0) == 'M' && header.get(1) == 'M') {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new StripException(Text.of("strip.tiff-bad-byte-order"));
    }
    header.order(order);
    int magic = header.getShort(2) & 0xFFFF;
    if (magic == 43) {
      throw new StripException(Text.of("strip.tiff-bigtiff"));
    }
    if (magic != 42) {
      throw new StripException(Text.of("strip.tiff-bad-magic", magic));
    }
    if (size >= 10 && read(8, 2).get(0) == 'C' && read(8, 2).get(1) == 'R') {
      throw raw();
    }
    List<Directory> dirs = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    long next = u32(header, 4);
    while (next != 0) {
      if (!seen.add(next) || dirs.size() == MAX_DIRECTORIES) {
        throw new StripException(Text.of("strip.tiff-loop"));
      }
      long[] link = new long[1];
      dirs.add(directory(next, link));
      next = link[0];
    }
    if (dirs.isEmpty()) {
      throw new StripException(Text.of("strip.tiff-no-directory"));
    }
    write(out, dirs);
    return report();
  }

  private Directory directory(long at, long[] next) throws IOException, StripException {
    int count = read(at, 2).order(order).getShort(0) & 0xFFFF;
    ByteBuffer entries = read(at + 2, 12 * count + 4).order(order);
    next[0] = u32(entries, 12 * count);
    List<Field> fields = new ArrayList<>();
    Map<Integer, Field> byTag = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int e = 12 * i;
      int tag = entries.getShort(e) & 0xFFFF;
      if (tag == TAG_SUB_IFDS || tag == TAG_DNG_VERSION) {
        throw raw();
      }
      if (!KEEP.contains(tag)) {
        noteDropped(tag);
        continue;
      }
      int type = entries.getShort(e + 2) & 0xFFFF;
      long n = u32(entries, e + 4);
      if (type <= 0 || type >= TYPE_SIZES.length) {
        throw damaged(Text.of("strip.tiff-unknown-type", tag, type));
      }
      long len = n * TYPE_SIZES[type];
      valueBytes += len;
      if (len > MAX_VALUE_BYTES || valueBytes > MAX_TOTAL_VALUE_BYTES) {
        throw damaged(Text.of("strip.tiff-tag-too-large", tag, len));
      }
      byte[] value = new byte[(int) len];
      if (len <= 4) {
        entries.get(e + 8, value);
      } else {
        read(u32(entries, e + 8), (int) len).get(0, value);
      }
      Field f = new Field(tag, type, n, value);
      if (byTag.putIfAbsent(tag, f) == null) {
        fields.add(f);
      }
    }
    Map<Integer, List<Block>> data = new LinkedHashMap<>();
    blocks(byTag, TAG_STRIP_OFFSETS, TAG_STRIP_BYTE_COUNTS, data);
    blocks(byTag, TAG_TILE_OFFSETS, TAG_TILE_BYTE_COUNTS, data);
    blocks(byTag, TAG_JPEG_IF, TAG_JPEG_IF_LENGTH, data);
    if (data.isEmpty()) {
      throw damaged(Text.of("strip.tiff-no-image-data"));
    }
    fields.removeIf(f -> data.containsKey(f.tag()));
    return new Directory(fields, data);
  }

  private void blocks(Map<Integer, Field> byTag, int offsetTag, int lengthTag,
      Map<Integer, List<Block>> data) throws StripException {
    Field offsets = byTag.get(offsetTag);
    if (offsets == null) {
      return;
    }
    Field lengths = byTag.get(lengthTag);
    if (lengths == null || lengths.count() != offsets.count()) {
      throw damaged(Text.of("strip.tiff-no-byte-counts", offsetTag));
    }
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < offsets.count(); i++) {
      long offset = unsigned(offsets, i);
      long length = unsigned(lengths, i);
      if (length > 0 && (offset > size || length > size - offset)) {
        throw damaged(Text.of("strip.tiff-data-past-end", offset));
      }
      blocks.add(new Block(offset, length));
    }
    data.put(offsetTag, blocks);
  }

  private long unsigned(Field f, int i) throws StripException {
    ByteBuffer v = ByteBuffer.wrap(f.value()).order(order);
    return switch (f.type()) {
      case TYPE_SHORT -> v.getShort(2 * i) & 0xFFFF;
      case TYPE_LONG, TYPE_IFD -> v.getInt(4 * i) & 0xFFFF_FFFFL;
      default -> throw damaged(Text.of("strip.tiff-bad-type", f.tag(), f.type()));
    };
  }

  private void write(FileChannel out, List<Directory> dirs) throws IOException, StripException {
    // Plan: per directory its data, then the directory, then its out-of-line values.
    long pos = 8;
    List<long[]> ifdAt = new ArrayList<>();
    List<List<Field>> finalFields = new ArrayList<>();
    for (Directory d : dirs) {
      List<Field> fields = new ArrayList<>(d.fields());
      for (Map.Entry<Integer, List<Block>> e : d.data().entrySet()) {
        ByteBuffer offsets = ByteBuffer.allocate(4 * e.getValue().size()).order(order);
        for (Block b : e.getValue()) {
          offsets.putInt((int) pos);
          pos = even(pos + b.length());
        }
        fields.add(new Field(e.getKey(), TYPE_LONG, e.getValue().size(), offsets.array()));
      }
      fields.sort(Comparator.comparingInt(Field::tag));
      long ifd = pos;
      pos += 2 + 12L * fields.size() + 4;
      long[] valueAt = new long[fields.size() + 1];
      valueAt[0] = ifd;
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).value().length > 4) {
          valueAt[i + 1] = pos;
          pos = even(pos + fields.get(i).value().length);
        }
      }
      if (pos > 0xFFFF_FFFFL) {
        throw new StripException(Text.of("strip.tiff-too-large"));
      }
      ifdAt.add(valueAt);
      finalFields.add(fields);
    }
    ByteBuffer header = ByteBuffer.allocate(8).order(order);
    header.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    header.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    header.putShort((short) 42).putInt((int) ifdAt.get(0)[0]).flip();
    writeAll(out, header);
    for (int d = 0; d < dirs.size(); d++) {
      for (List<Block> blocks : dirs.get(d).data().values()) {
        for (Block b : blocks) {
          transfer(b, out);
          pad(out);
        }
      }
      List<Field> fields = finalFields.get(d);
      long[] valueAt = ifdAt.get(d);
      ByteBuffer ifd = ByteBuffer.allocate(2 + 12 * fields.size() + 4).order(order);
      ifd.putShort((short) fields.size());
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        ifd.putShort((short) f.tag()).putShort((short) f.type()).putInt((int) f.count());
        if (f.value().length > 4) {
          ifd.putInt((int) valueAt[i + 1]);
        } else {
          ifd.put(f.value()).put(new byte[4 - f.value().length]);
        }
      }
      ifd.putInt(d + 1 < dirs.size() ? (int) ifdAt.get(d + 1)[0] : 0).flip();
      if (out.position() != valueAt[0]) {
        throw new IllegalStateException("TIFF layout mismatch");
      }
      writeAll(out, ifd);
      for (Field f : fields) {
        if (f.value().length > 4) {
          writeAll(out, ByteBuffer.wrap(f.value()));
          pad(out);
        }
      }
    }
  }

  private void noteDropped(int tag) {
    if (tag == 34665) {
      exif = true;
    } else if (tag == 34853) {
      gps = true;
    } else if (tag == 700) {
      categories.add(Text.of("strip.xmp"));
    } else if (tag == 33723) {
      categories.add(Text.of("strip.iptc"));
    } else if (tag == 34377) {
      categories.add(Text.of("strip.photoshop-resources"));
    } else if (GEOTIFF.contains(tag)) {
      categories.add(Text.of("strip.geotiff"));
    } else {
      String name = NAMES.get(tag);
      tagNames.add(name != null ? name : Text.of("strip.tiff-tag", tag));
    }
  }

  private List<Text> report() {
    List<Text> removed = new ArrayList<>();
    if (exif) {
      removed.add(ExifFacts.label(gps));
    } else if (gps) {
      removed.add(Text.of("strip.gps"));
    }
    removed.addAll(categories);
    if (!tagNames.isEmpty()) {
      removed.add(Text.of("strip.tiff-tags", StripReport.list(List.copyOf(tagNames))));
    }
    return List.copyOf(removed);
  }

  private ByteBuffer read(long pos, int len) throws IOException, StripException {
    if (pos < 0 || pos > size || len > size - pos) {
      throw damaged(Text.of("strip.tiff-structure-past-end", pos));
    }
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      if (in.read(b, pos + b.position()) < 0) {
        throw damaged(Text.of("strip.tiff-ends-early"));
      }
    }
    return b.flip().order(order == null ? ByteOrder.BIG_ENDIAN : order);
  }

  private void transfer(Block b, FileChannel out) throws IOException, StripException {
    long done = 0;
    while (done < b.length()) {
      long n = in.transferTo(b.offset() + done, b.length() - done, out);
      if (n <= 0) {
        throw damaged(Text.of("strip.tiff-ends-early"));
      }
      done += n;
    }
  }

  private static void pad(FileChannel out) throws IOException {
    if ((out.position() & 1) == 1) {
      writeAll(out, ByteBuffer.wrap(new byte[1]));
    }
  }

  private static void writeAll(FileChannel out, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  private static long even(long pos) {
    return pos + (pos & 1);
  }

  private static long u32(ByteBuffer b, int at) {
    return b.getInt(at) & 0xFFFF_FFFFL;
  }

  private static StripException damaged(Text what) {
    return new StripException(what);
  }

  private static StripException raw() {
    return new StripException(Text.of("strip.camera-raw"));
  }
}
