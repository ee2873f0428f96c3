package org.palermo.server.storage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.palermo.server.config.ConfigException;

class EmbeddedMariaDbTest {
  @Test
  void start_dataFolderUnderSystemTemporaryFolder_isRefusedBeforeAnythingIsWritten() {
    Path folder = Path.of(System.getProperty("java.io.tmpdir"), "palermo-data", "mariadb");
    ConfigException e = assertThrows(ConfigException.class, () -> EmbeddedMariaDb.start(folder));
    assertTrue(e.getMessage().contains("PALERMO_DATA_DIR"), e.getMessage());
    assertTrue(!folder.toFile().exists(), "nothing created");
  }
}
