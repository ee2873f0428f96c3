package org.palermo.client.home;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.palermo.client.ClientException;
import org.palermo.text.Text;

/**
 * The client's folder ({@code --home}, {@code PALERMO_HOME}, default {@code ~/.palermo}): the
 * server it talks to, the account with its sealed key bundle and pinned identity, and the
 * session token. Owner-only; every file is replaced whole, never half written.
 */
public final class Home {
  static final String SERVER = "server.json";
  static final String ACCOUNT = "account.json";
  static final String SESSION = "session";
  static final String CONTACTS = "contacts.json";
  static final String STATES = "states.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;

  public Home(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  public Path folder() {
    return folder;
  }

  /** Where the client connects and which certificate it trusts. */
  public record ServerSettings(String url, String pinCert, String ca) {}

  /**
   * The account as this device knows it. The identity fields are pinned at registration or
   * first login; a server that later serves other keys for it is refused.
   */
  public record AccountFile(String handle, String accountId, String deviceId, String signingKey,
      String agreementKey, String kdfParameters, String keyBundle) {}

  /**
   * What this device verified of a workspace: the membership log's head (a server that later
   * serves an older or different log is refused) and the newest version seen of each document
   * (a server that later serves an older one as current is refused).
   */
  public record WorkspacePin(long headSequence, String headHash, Map<String, Long> documents) {
    public WorkspacePin {
      documents = Map.copyOf(documents);
    }
  }

  /** Identities seen by handle, pinned on first use: a changed key fails until confirmed. */
  public record Contacts(Map<String, String> identities) {
    public Contacts {
      identities = Map.copyOf(identities);
    }
  }

  public Optional<WorkspacePin> workspace(String workspaceId) {
    return read(workspaceFile(workspaceId), WorkspacePin.class);
  }

  public void saveWorkspace(String workspaceId, WorkspacePin pin) {
    write(workspaceFile(workspaceId), pin);
  }

  /**
   * The head of the State certificate list this device verified last: a server that later
   * serves an older or different list is refused, and what came after it is reported as new.
   */
  public record StatesPin(long headSequence, String headHash) {}

  public Optional<StatesPin> statesPin() {
    return read(STATES, StatesPin.class);
  }

  public void saveStatesPin(StatesPin pin) {
    write(STATES, pin);
  }

  /** The head of one document's disclosure log this device verified last. */
  public record DisclosurePin(long headSequence, String headHash) {}

  /** The disclosure-log heads this device pinned in a workspace, by document id. */
  public record DisclosurePins(Map<String, DisclosurePin> documents) {
    public DisclosurePins {
      documents = Map.copyOf(documents);
    }
  }

  public DisclosurePins disclosurePins(String workspaceId) {
    return read(disclosureFile(workspaceId), DisclosurePins.class)
        .orElse(new DisclosurePins(Map.of()));
  }

  public void saveDisclosurePins(String workspaceId, DisclosurePins pins) {
    write(disclosureFile(workspaceId), pins);
  }

  /**
   * A workspace's audit log as this device verified it last: its head, and the key the server
   * signs its own entries with (pinned on first use: a server that later serves another key is
   * refused).
   */
  public record AuditPin(long headSequence, String headHash, String serverKey) {}

  public Optional<AuditPin> auditPin(String workspaceId) {
    return read(auditFile(workspaceId), AuditPin.class);
  }

  public void saveAuditPin(String workspaceId, AuditPin pin) {
    write(auditFile(workspaceId), pin);
  }

  /** The version of each submission this device last fetched to edit, by document id. */
  public record SubmissionBases(Map<String, Long> documents) {
    public SubmissionBases {
      documents = Map.copyOf(documents);
    }
  }

  public SubmissionBases submissionBases(String workspaceId) {
    return read("submissions-" + workspaceFile(workspaceId), SubmissionBases.class)
        .orElse(new SubmissionBases(Map.of()));
  }

  public void saveSubmissionBases(String workspaceId, SubmissionBases bases) {
    write("submissions-" + workspaceFile(workspaceId), bases);
  }

  public Contacts contacts() {
    return read(CONTACTS, Contacts.class).orElse(new Contacts(Map.of()));
  }

  public void saveContacts(Contacts contacts) {
    write(CONTACTS, contacts);
  }

  /**
   * An owner-only folder for files in progress (sealed copies waiting to be uploaded, opened
   * content waiting to be checked whole) (removed when the command ends).
   */
  public Path scratch() {
    Path dir = folder.resolve("tmp");
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(folder,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectories(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw ClientException.usage(Text.of("home.cannot-write-in", folder, e.getMessage()));
    }
    return dir;
  }

  private static String auditFile(String workspaceId) {
    return "audit-" + workspaceFile(workspaceId);
  }

  private static String disclosureFile(String workspaceId) {
    return "disclosure-" + workspaceFile(workspaceId);
  }

  private static String workspaceFile(String workspaceId) {
    if (!workspaceId.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("not a workspace id");
    }
    return "workspace-" + workspaceId + ".json";
  }

  public Optional<ServerSettings> server() {
    return read(SERVER, ServerSettings.class);
  }

  public void saveServer(ServerSettings settings) {
    write(SERVER, settings);
  }

  public Optional<AccountFile> account() {
    return read(ACCOUNT, AccountFile.class);
  }

  public AccountFile requireAccount() {
    return account().orElseThrow(() -> ClientException.usage(Text.of("home.no-account",
        folder)));
  }

  public void saveAccount(AccountFile account) {
    write(ACCOUNT, account);
  }

  public Optional<String> session() {
    Path file = folder.resolve(SESSION);
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String requireSession() {
    return session().orElseThrow(() -> ClientException.usage(Text.of("home.not-logged-in")));
  }

  public void saveSession(String token) {
    writeBytes(SESSION, token.getBytes(StandardCharsets.US_ASCII));
  }

  public void clearSession() {
    try {
      Files.deleteIfExists(folder.resolve(SESSION));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> Optional<T> read(String name, Class<T> type) {
    Path file = folder.resolve(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), type));
    } catch (IOException e) {
      throw ClientException.usage(Text.of("home.cannot-read", file, e.getMessage()));
    }
  }

  private void write(String name, Object value) {
    try {
      writeBytes(name, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeBytes(String name, byte[] bytes) {
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path temporary = Files.createTempFile(folder, "." + name, ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(temporary, bytes);
        Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw ClientException.usage(Text.of("home.cannot-write-in", folder, e.getMessage()));
    }
  }
}
