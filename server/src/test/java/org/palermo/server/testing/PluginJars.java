package org.palermo.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.palermo.plugin.api.PalermoPlugin;

/**
 * Real plugin jars, built by a test the way a plugin author builds one: Java sources compiled
 * against the plugin API alone, and a descriptor, in a jar.
 */
public final class PluginJars {
  private PluginJars() {}

  /**
   * Writes {@code folder/file}: the compiled {@code sources} (class name to source) and
   * {@code descriptor} as {@code META-INF/palermo-plugin.properties}.
   */
  public static Path build(Path folder, String file, String descriptor,
      Map<String, String> sources) throws IOException {
    return build(folder, file, descriptor, sources, Map.of());
  }

  /** As above, with more files in the jar (path to text), such as an OpenAPI fragment. */
  public static Path build(Path folder, String file, String descriptor,
      Map<String, String> sources, Map<String, String> resources) throws IOException {
    Map<String, byte[]> classes = compile(sources);
    Files.createDirectories(folder);
    Path jar = folder.resolve(file);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/palermo-plugin.properties"));
      out.write(descriptor.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (Map.Entry<String, String> r : resources.entrySet()) {
        out.putNextEntry(new JarEntry(r.getKey()));
        out.write(r.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
        out.write(c.getValue());
      }
    }
    return jar;
  }

  /**
   * Copies a plugin as the build made it (the jar holding {@code entry}; from classes in a
   * folder, jarred here) to {@code target}, as an operator installs it.
   */
  public static void installBuilt(Class<?> entry, Path target) throws IOException {
    Path built = Path.of(URI.create(entry.getProtectionDomain().getCodeSource().getLocation()
        .toString()));
    if (Files.isRegularFile(built)) {
      Files.copy(built, target);
      return;
    }
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(file);
        java.util.stream.Stream<Path> all = Files.walk(built)) {
      for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new JarEntry(built.relativize(p).toString().replace('\\', '/')));
        jar.write(Files.readAllBytes(p));
      }
    }
  }

  /**
   * Installs a plugin as the build made it ({@code palermo-plugin-ID.jar}, from the jar holding
   * {@code entry}) in {@code folder} and enables it with {@code capabilities}, as an operator.
   */
  public static void install(Path folder, Class<?> entry, String id, String capabilities)
      throws IOException {
    Files.createDirectories(folder);
    installBuilt(entry, folder.resolve("palermo-plugin-" + id + ".jar"));
    enable(folder, id, capabilities);
  }

  /**
   * {@code palermo admin plugins --dir FOLDER enable ID --approve CAPS}, as an operator runs it
   * on the server's machine.
   */
  public static void enable(Path folder, String id, String capabilities) {
    java.io.StringWriter out = new java.io.StringWriter();
    int code = org.palermo.client.cli.PalermoCli.run(new org.palermo.client.cli.Terminal(
        new java.io.PrintWriter(out), new java.io.PrintWriter(out), Map.of(), null), "admin",
        "plugins", "--dir", folder.toString(), "enable", id, "--approve", capabilities);
    if (code != 0) {
      throw new AssertionError("enable " + id + ": " + out);
    }
  }

  /** A descriptor's text. */
  public static String descriptor(String id, String requires, String capabilities,
      String entry) {
    return "id=" + id + "\nversion=1.0.0\nrequires=" + requires + "\ncapabilities="
        + capabilities + "\nentry=" + entry + "\n";
  }

  private static String location(Class<?> type) {
    return Path.of(URI.create(type.getProtectionDomain().getCodeSource().getLocation()
        .toString())).toString();
  }

  private static Map<String, byte[]> compile(Map<String, String> sources) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
        URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    }));
    Map<String, ByteArrayOutputStream> out = new HashMap<>();
    StandardJavaFileManager standard = compiler.getStandardFileManager(null, null, null);
    JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String className,
          JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("bytes:///" + className), kind) {
          @Override
          public OutputStream openOutputStream() {
            return out.computeIfAbsent(className, c -> new ByteArrayOutputStream());
          }
        };
      }
    };
    // Only the plugin API (and the JAX-RS API it exposes) on the class path, as a plugin
    // author's build has it.
    String api = location(PalermoPlugin.class) + java.io.File.pathSeparator
        + location(jakarta.ws.rs.Path.class);
    StringBuilder errors = new StringBuilder();
    boolean ok = compiler.getTask(null, files, d -> errors.append(d).append('\n'),
        List.of("-classpath", api, "--release", "17"), null, units).call();
    if (!ok) {
      throw new IllegalStateException("the test plugin does not compile:\n" + errors);
    }
    Map<String, byte[]> classes = new HashMap<>();
    out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    return classes;
  }
}
