package dev.keymint.db;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMariaDbTest {

    @Test
    void refusesADataFolderThatMariaDb4jWouldWipeAtEveryStart() {
        Path underTmp = Path.of(System.getProperty("java.io.tmpdir"), "keymint-data");

        assertThatThrownBy(() -> EmbeddedMariaDb.acquire(underTmp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keymint.embedded-database.directory")
                .hasMessageContaining("deleted at every start");
    }
}
