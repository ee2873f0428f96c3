package org.palermo.server.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.MutableClock;
import org.palermo.server.testing.TestServer;

/** An upload that never completes is dropped after a week: its parts go, its quota returns. */
class AbandonedUploadTest {
  private static final AtomicBoolean refuseCompletion = new AtomicBoolean();
  private static final MutableClock clock = new MutableClock(Instant.now());
  private static TestServer server;
  private static Cli cli;

  @BeforeAll
  static void start() {
    server = TestServer.start(c -> c, clock, rc -> rc.register(
        (ContainerRequestFilter) request -> {
          if (request.getUriInfo().getPath().endsWith("/complete")
              && refuseCompletion.get()) {
            request.abortWith(Response.status(409).build());
          }
        }));
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void abandonedUpload_isDroppedAfterAWeek() throws Exception {
    String handle = Cli.unique("ab");
    Path home = Cli.home(handle);
    assertEquals(0, cli.run(home, "account", "register", "--name", handle).code());
    String ws = cli.run(home, "workspace", "create", "Abandoned").line("workspace");
    byte[] id = HexFormat.of().parseHex(ws);
    Path file = home.getParent().resolve("never.bin");
    Files.write(file, new byte[200_000]);
    refuseCompletion.set(true);
    Cli.Run put = cli.run(home, "doc", "put", ws, file.toString());
    refuseCompletion.set(false);
    assertEquals(2, put.code(), put.toString());
    long used = Long.parseLong(cli.strings("SELECT used_bytes FROM workspaces WHERE id = ?", id)
        .get(0));
    assertTrue(used > 200_000, "the open upload holds quota: " + used);
    java.util.List<String> blobs = cli.strings("SELECT p.blob_id FROM upload_parts p JOIN"
        + " uploads u ON u.id = p.upload_id WHERE u.workspace_id = ?", id);
    assertEquals(1, blobs.size());

    clock.advance(Duration.ofDays(6));
    assertEquals(0, server.server().expireAbandonedUploads(), "kept for a week");
    clock.advance(Duration.ofDays(2));
    assertEquals(1, server.server().expireAbandonedUploads());
    assertEquals("0", cli.strings("SELECT used_bytes FROM workspaces WHERE id = ?", id).get(0));
    assertEquals(0, cli.strings("SELECT id FROM uploads WHERE workspace_id = ?", id).size());
    assertTrue(server.server().blobStore().size(
        org.palermo.server.blobs.BlobId.parse(blobs.get(0))).isEmpty(), "the part is deleted");
    // A week idle ends the session: log in again to read the audit log.
    assertEquals(0, cli.run(home, "account", "login", "--name", handle).code());
    Cli.Run audit = cli.run(home, "audit", "show", ws);
    assertEquals(0, audit.code(), audit.toString());
    assertTrue(audit.out().lines().anyMatch(l -> l.contains("server  upload abandoned ")
        && l.endsWith(" v1 by " + cli.strings("SELECT LOWER(HEX(id)) FROM accounts WHERE"
            + " handle = ?", handle).get(0))), "recorded in the audit log: " + audit.out());
  }
}
