package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palermo.plugin.api.Unstable;
import org.palermo.plugin.api.WorkspaceViews;
import org.palermo.server.testing.PluginJars;

/**
 * Finding the unstable API parts a plugin jar uses, from real jars built against the API. As
 * the API may have no unstable part yet, most checks say themselves which parts count as
 * unstable.
 */
class UnstableUsageTest {
  @TempDir
  Path folder;

  /** Treats as unstable the API parts named ({@code Capability}, {@code Type.member}). */
  private static Predicate<AnnotatedElement> unstable(String... names) {
    Set<String> set = Set.of(names);
    return e -> set.contains(e instanceof Class<?> c ? c.getSimpleName()
        : ((Member) e).getDeclaringClass().getSimpleName() + "." + ((Member) e).getName());
  }

  /** A plugin jar whose entry class {@code p.Plugin} has {@code body}. */
  private Path plugin(String file, String body) throws IOException {
    return PluginJars.build(folder, file, PluginJars.descriptor("p", "1.0", "", "p.Plugin"),
        Map.of("p.Plugin", "package p;\nimport org.palermo.plugin.api.*;\n"
            + "public class Plugin implements PalermoPlugin {\n" + body + "\n}\n"));
  }

  @Test
  void aCallToAnUnstableMethodIsReported() throws IOException {
    Path jar = plugin("calls.jar", "public void start(PluginContext c) {"
        + " c.workspaces().ifPresent(v -> v.documents(\"w\")); }");
    assertEquals(List.of("WorkspaceViews.documents"),
        UnstableUsage.find(jar, unstable("WorkspaceViews.documents")));
  }

  @Test
  void aMethodReferenceToAnUnstableMethodIsReported() throws IOException {
    Path jar = plugin("reference.jar", "public void start(PluginContext c) {"
        + " c.workspaces().map(v -> (java.util.function.Function<String, ?>) v::documents); }");
    assertEquals(List.of("WorkspaceViews.documents"),
        UnstableUsage.find(jar, unstable("WorkspaceViews.documents")));
  }

  @Test
  void otherMethodsOfTheSameTypeAreNot() throws IOException {
    Path jar = plugin("members.jar", "public void start(PluginContext c) {"
        + " c.workspaces().ifPresent(v -> v.members(\"w\")); }");
    assertEquals(List.of(), UnstableUsage.find(jar, unstable("WorkspaceViews.documents")));
    assertEquals(List.of("WorkspaceViews.members"),
        UnstableUsage.find(jar, unstable("WorkspaceViews.documents", "WorkspaceViews.members")));
  }

  @Test
  void anUnstableFieldIsReportedSortedWithTheTypes() throws IOException {
    Path jar = plugin("field.jar", "public void start(PluginContext c) {"
        + " if (c.capabilities().contains(Capability.STORAGE)) { c.workspaces(); } }");
    assertEquals(List.of("Capability", "Capability.STORAGE", "PluginContext.workspaces"),
        UnstableUsage.find(jar, unstable("Capability.STORAGE", "Capability.EVENTS",
            "PluginContext.workspaces", "Capability")));
  }

  @Test
  void aTypeOnlyInAFieldOrMethodSignatureIsReported() throws IOException {
    Predicate<AnnotatedElement> capability = unstable("Capability");
    assertEquals(List.of("Capability"), UnstableUsage.find(
        plugin("field-type.jar", "Capability unused;"), capability));
    assertEquals(List.of("Capability"), UnstableUsage.find(
        plugin("parameter.jar", "void take(Capability c) {}"), capability));
    assertEquals(List.of("Capability"), UnstableUsage.find(
        plugin("generic.jar", "java.util.List<Capability> unused;"), capability));
    assertEquals(List.of("WorkspaceViews.Document"), UnstableUsage.find(
        plugin("nested.jar", "java.util.Optional<WorkspaceViews.Document> unused;"),
        unstable("Document")));
    assertEquals(List.of(), UnstableUsage.find(plugin("none.jar", "String unused;"),
        capability));
  }

  @Test
  void corruptClassFilesAreSkipped() throws IOException {
    Path good = plugin("good.jar", "public void start(PluginContext c) {"
        + " c.workspaces().ifPresent(v -> v.documents(\"w\")); }");
    byte[] real;
    try (ZipFile zip = new ZipFile(good.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("p/Plugin.class"))) {
      real = in.readAllBytes();
    }
    byte[] badIndex = real.clone();
    badIndex[11] = (byte) 0xFF; // the first constant, a Methodref: its class index out of range
    badIndex[12] = (byte) 0xFF;
    byte[] badTag = real.clone();
    badTag[10] = 99; // the first constant's tag
    Path jar = folder.resolve("corrupt.jar");
    try (ZipFile zip = new ZipFile(good.toFile());
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (ZipEntry e : zip.stream().toList()) {
        out.putNextEntry(new JarEntry(e.getName()));
        zip.getInputStream(e).transferTo(out);
      }
      Map<String, byte[]> broken = Map.of("Garbage.class", "not a class".getBytes(),
          "Empty.class", new byte[0], "Truncated.class", Arrays.copyOf(real, real.length / 2),
          "BadIndex.class", badIndex, "BadTag.class", badTag,
          "Magic.class", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
      for (Map.Entry<String, byte[]> e : broken.entrySet()) {
        out.putNextEntry(new JarEntry(e.getKey()));
        out.write(e.getValue());
      }
    }
    assertEquals(List.of("WorkspaceViews.documents"),
        UnstableUsage.find(jar, unstable("WorkspaceViews.documents")));
  }

  @Test
  void aFileThatIsNoJarUsesNothing() throws IOException {
    Path text = Files.writeString(folder.resolve("corrupt.jar"), "not a zip at all");
    assertEquals(List.of(), UnstableUsage.find(text, e -> true));
    assertEquals(List.of(), UnstableUsage.find(folder.resolve("missing.jar"), e -> true));
    assertEquals(List.of(), UnstableUsage.find(folder, e -> true));
  }

  @Test
  void byDefaultUnstableMeansAnnotated() throws Exception {
    Path jar = plugin("default.jar", "public void start(PluginContext c) {"
        + " c.workspaces().ifPresent(v -> v.documents(\"w\")); }");
    boolean annotated = WorkspaceViews.class.getMethod("documents", String.class)
        .isAnnotationPresent(Unstable.class);
    assertEquals(annotated, UnstableUsage.find(jar).contains("WorkspaceViews.documents"));
    assertEquals(UnstableUsage.find(jar, e -> e.isAnnotationPresent(Unstable.class)),
        UnstableUsage.find(jar));
  }
}
