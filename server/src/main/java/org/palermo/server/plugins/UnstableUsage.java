package org.palermo.server.plugins;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.palermo.plugin.api.Unstable;

/**
 * Which {@link Unstable} parts of the plugin API a plugin jar uses, so that the host can warn
 * once per plugin. The jar's class files are read, never loaded: the constant pool of each
 * (JVM specification §4.4) gives the API types it names (as classes, or inside descriptors and
 * generic signatures) and the API fields and methods it references; those are then looked up
 * by reflection in the host's copy of the API.
 *
 * <p>A class file that cannot be parsed is skipped, and a jar that cannot be read uses nothing:
 * the host checks corrupt jars elsewhere. Every {@code .class} entry counts, those of a
 * multi-release jar's {@code META-INF/versions} included.
 */
final class UnstableUsage {
  private static final String API = "org.palermo.plugin.api";
  private static final String PREFIX = API.replace('.', '/') + '/';

  private UnstableUsage() {}

  /** An API field or method a class file references: owner's internal name, name, descriptor. */
  private record Member(String owner, String name, String descriptor, boolean field) {}

  /**
   * The unstable API parts {@code jar} uses, sorted, without duplicates: a type by its name in
   * the API package ({@code WorkspaceViews}, {@code WorkspaceViews.Document}), a field or
   * method as {@code Type.member} with the type that declares it. Empty when the jar cannot be
   * read.
   */
  static List<String> find(Path jar) {
    return find(jar, e -> e.isAnnotationPresent(Unstable.class));
  }

  /** As {@link #find(Path)}, with what counts as unstable given by {@code unstable}. */
  static List<String> find(Path jar, Predicate<AnnotatedElement> unstable) {
    Set<String> types = new HashSet<>();
    Set<Member> members = new HashSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        if (entry.isDirectory() || !entry.getName().endsWith(".class")) {
          continue;
        }
        Set<String> t = new HashSet<>();
        Set<Member> m = new HashSet<>();
        try (InputStream in = zip.getInputStream(entry)) {
          read(new DataInputStream(new BufferedInputStream(in)), t, m);
        } catch (IOException | RuntimeException unparsable) {
          continue; // not a class file we understand: the host's other checks deal with it
        }
        types.addAll(t);
        members.addAll(m);
      }
    } catch (IOException | RuntimeException unreadable) {
      return List.of();
    }
    Set<String> found = new TreeSet<>();
    for (String type : types) {
      Class<?> c = load(type);
      if (c != null && unstable.test(c)) {
        found.add(display(c));
      }
    }
    for (Member m : members) {
      Class<?> c = load(m.owner());
      if (c != null) {
        resolve(c, m, unstable, found);
      }
    }
    return List.copyOf(found);
  }

  /** Adds to {@code types} and {@code members} what the class file in {@code in} names. */
  private static void read(DataInputStream in, Set<String> types, Set<Member> members)
      throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    int[] tag = new int[count];
    int[] a = new int[count];
    int[] b = new int[count];
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      tag[i] = in.readUnsignedByte();
      switch (tag[i]) {
        case 1 -> utf8[i] = in.readUTF(); // u2 length, modified UTF-8: readUTF's own format
        case 3, 4 -> in.readInt(); // Integer, Float
        case 5, 6 -> { // Long, Double: two slots
          in.readLong();
          i++;
        }
        case 7, 8, 16, 19, 20 -> a[i] = in.readUnsignedShort(); // Class, String, MethodType,
                                                                 // Module, Package
        case 9, 10, 11, 12, 17, 18 -> { // Fieldref, Methodref, InterfaceMethodref,
          a[i] = in.readUnsignedShort(); // NameAndType, Dynamic, InvokeDynamic
          b[i] = in.readUnsignedShort();
        }
        case 15 -> { // MethodHandle: reference kind, then a reference
          a[i] = in.readUnsignedByte();
          b[i] = in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag[i]);
      }
    }
    for (int i = 1; i < count; i++) {
      if (tag[i] == 1) {
        signatureTypes(utf8[i], types);
      } else if (tag[i] == 7) {
        String name = utf8(utf8, tag, a[i]);
        if (inApi(name)) {
          types.add(name);
        }
      } else if (tag[i] >= 9 && tag[i] <= 11) {
        String owner = utf8(utf8, tag, a[tag(tag, a[i], 7)]);
        int nameAndType = tag(tag, b[i], 12);
        if (inApi(owner)) {
          members.add(new Member(owner, utf8(utf8, tag, a[nameAndType]),
              utf8(utf8, tag, b[nameAndType]), tag[i] == 9));
        }
      }
    }
  }

  /** {@code index}, after checking it is a constant of kind {@code expected}. */
  private static int tag(int[] tag, int index, int expected) throws IOException {
    if (index <= 0 || index >= tag.length || tag[index] != expected) {
      throw new IOException("bad constant pool index " + index);
    }
    return index;
  }

  private static String utf8(String[] utf8, int[] tag, int index) throws IOException {
    return utf8[tag(tag, index, 1)];
  }

  /** Adds the API types {@code text} names as {@code Lorg/palermo/plugin/api/X;} (or X<...). */
  private static void signatureTypes(String text, Set<String> types) {
    String marker = "L" + PREFIX;
    for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      int end = at + 1;
      while (end < text.length() && ";<.".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      String name = text.substring(at + 1, end);
      if (end < text.length() && inApi(name)) {
        types.add(name);
      }
    }
  }

  /** Whether an internal name is a type of the API package itself (not of a subpackage). */
  private static boolean inApi(String internal) {
    return internal.startsWith(PREFIX) && internal.length() > PREFIX.length()
        && internal.indexOf('/', PREFIX.length()) < 0;
  }

  /** The host's copy of an API type, or null when the host has no such type. */
  private static Class<?> load(String internal) {
    try {
      return Class.forName(internal.replace('/', '.'), false,
          UnstableUsage.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError missing) {
      return null;
    }
  }

  /**
   * Adds {@code m} to {@code found} when a declaration of it in {@code owner} or in any of its
   * superclasses and superinterfaces of the API package is unstable.
   */
  private static void resolve(Class<?> owner, Member m, Predicate<AnnotatedElement> unstable,
      Set<String> found) {
    Deque<Class<?>> queue = new ArrayDeque<>(List.of(owner));
    Set<Class<?>> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      Class<?> c = queue.pop();
      if (!seen.add(c) || !c.getName().startsWith(API + '.')) {
        continue;
      }
      try {
        if (m.field()) {
          for (Field f : c.getDeclaredFields()) {
            if (f.getName().equals(m.name()) && unstable.test(f)) {
              found.add(display(c) + '.' + m.name());
            }
          }
        } else {
          for (Method method : c.getDeclaredMethods()) {
            if (method.getName().equals(m.name()) && unstable.test(method)
                && MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                    .toMethodDescriptorString().equals(m.descriptor())) {
              found.add(display(c) + '.' + m.name());
            }
          }
        }
      } catch (LinkageError incomplete) {
        continue;
      }
      if (c.getSuperclass() != null) {
        queue.add(c.getSuperclass());
      }
      queue.addAll(List.of(c.getInterfaces()));
    }
  }

  /** An API type's name in the package: {@code WorkspaceViews.Document}. */
  private static String display(Class<?> c) {
    return c.getName().substring(API.length() + 1).replace('$', '.');
  }
}
