package org.palermo.security.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.seal.ContentSeal;
import org.palermo.security.seal.SealContext;

/**
 * One direction of the file benchmark, as a command-line client would run it, for
 * scripts/bench-crypto: {@code FileBench seal <in> <out> <key-file>} makes a key, writes it raw
 * to the key file and seals; {@code FileBench open <in> <out> <key-file>} opens with it. The
 * context is fixed (workspace, document and version all derived from zero ids). It uses
 * {@link ContentSeal#sealFile(SymmetricKey, SealContext, Path, Path)} (workers that each read,
 * seal and write their batches by position) and {@link ContentSeal#open} (a reading and writing
 * thread with the chunks spread over the cores), after
 * {@link ContentSeal#warmUpForSealing()} or {@link ContentSeal#warmUpForOpening()} (skipped with {@code -Dbench.noWarmUp=true}, to measure what it
 * buys). Prints
 * {@code <mode> <bytes> <seconds in process, warm-up included>}. Not a test.
 */
public final class FileBench {
    private static final SealContext CONTEXT = SealContext.content(WorkspaceId.of(new byte[16]), DocumentId.of(new byte[16]), 1);

    private FileBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 || !(args[0].equals("seal") || args[0].equals("open"))) {
            throw new IllegalArgumentException("usage: FileBench seal|open <in> <out> <key-file>");
        }
        Path in = Paths.get(args[1]);
        Path out = Paths.get(args[2]);
        Path keyFile = Paths.get(args[3]);
        long t0 = System.nanoTime();
        if (!Boolean.getBoolean("bench.noWarmUp")) {
            if (args[0].equals("seal")) {
                ContentSeal.warmUpForSealing();
            } else {
                ContentSeal.warmUpForOpening();
            }
        }
        long bytes;
        if (args[0].equals("seal")) {
            SymmetricKey key = SymmetricKey.generate();
            Files.write(keyFile, key.toBytes(InsecureSecretKeyAccess.get()));
            bytes = ContentSeal.sealFile(key, CONTEXT, in, out);
        } else {
            SymmetricKey key = SymmetricKey.fromBytes(Files.readAllBytes(keyFile), InsecureSecretKeyAccess.get());
            try (InputStream src = Files.newInputStream(in);
                    OutputStream dst = Files.newOutputStream(out)) {
                bytes = ContentSeal.open(key, CONTEXT, src, dst);
            }
        }
        System.out.printf(Locale.ROOT, "%s %d %.3f%n", args[0], bytes, (System.nanoTime() - t0) / 1e9);
    }
}
