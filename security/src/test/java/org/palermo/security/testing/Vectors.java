package org.palermo.security.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Finds and reads ../shared/vectors. The directory comes from the {@code palermo.shared.dir}
 * system property (set by the root pom's surefire configuration), else ../shared or ../../shared
 * from the module directory. A missing directory or an empty vector file fails the test: a
 * vector test that silently runs nothing would prove nothing.
 */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    public static Path vectorsDir() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("palermo.shared.dir");
        if (property != null && !property.isBlank()) {
            candidates.add(Paths.get(property));
        }
        Path moduleDir = Paths.get(System.getProperty("user.dir"));
        candidates.add(moduleDir.resolve("../shared"));
        candidates.add(moduleDir.resolve("../../shared"));
        for (Path candidate : candidates) {
            Path vectors = candidate.resolve("vectors").normalize();
            if (Files.isDirectory(vectors)) {
                return vectors;
            }
        }
        return fail("test vectors not found; looked for vectors/ under " + candidates);
    }

    public static Path file(String relative) {
        Path path = vectorsDir().resolve(relative);
        if (!Files.isRegularFile(path)) {
            fail("vector file missing: " + path);
        }
        return path;
    }

    public static JsonNode json(String relative) {
        try {
            return JSON.readTree(file(relative).toFile());
        } catch (IOException e) {
            return fail("cannot read " + relative, e);
        }
    }

    /** All tests of a Wycheproof file, each with its group's fields copied under "group"; fails if none. */
    public static List<JsonNode> wycheproofTests(String fileName) {
        JsonNode root = json("wycheproof/" + fileName);
        List<JsonNode> tests = new ArrayList<>();
        for (JsonNode group : root.path("testGroups")) {
            for (JsonNode test : group.path("tests")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) test).set("group", group);
                tests.add(test);
            }
        }
        assertFalse(tests.isEmpty(), fileName + " yielded no tests");
        assertEquals(root.path("numberOfTests").asInt(), tests.size(), fileName + ": test count");
        return tests;
    }

    public static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.asText());
    }

    public static boolean hasFlag(JsonNode test, String flag) {
        for (JsonNode f : test.path("flags")) {
            if (f.asText().equals(flag)) {
                return true;
            }
        }
        return false;
    }

    public static String name(JsonNode test) {
        return "tcId " + test.path("tcId").asInt() + " " + test.path("result").asText() + " "
                + test.path("comment").asText() + " " + test.path("flags");
    }
}
