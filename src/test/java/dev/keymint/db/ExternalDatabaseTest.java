package dev.keymint.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.support.RunningKeymint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With {@code spring.datasource.url} set, keymint uses that MariaDB and starts none of its own. */
class ExternalDatabaseTest {

    @TempDir
    Path keysDir;

    @Test
    void withADataSourceUrlItUsesThatMariaDbAndStartsNoEmbeddedOne() {
        // the JVM's embedded server plays the external MariaDB, reached over TCP like any other
        EmbeddedMariaDb external = EmbeddedMariaDb.acquire(Path.of("target/embedded-mariadb"));
        try {
            String database = "external_" + UUID.randomUUID().toString().replace("-", "");
            try (RunningKeymint keymint = RunningKeymint.start(Map.of(
                    "spring.datasource.url", "jdbc:mariadb://127.0.0.1:" + external.port() + "/" + database
                            + "?createDatabaseIfNotExist=true",
                    "spring.datasource.username", "root",
                    "spring.datasource.password", external.rootPassword(),
                    // starting an embedded server here would fail: this JVM already runs one elsewhere
                    "keymint.embedded-database.directory", "target/must-stay-unused",
                    "keymint.signing.keys-directory", keysDir.toString(),
                    "keymint.bootstrap.client-id", "external-admin",
                    "keymint.bootstrap.client-secret", "external-admin-secret-0123456789abcdef"))) {
                assertThatThrownBy(() -> keymint.bean(EmbeddedMariaDbHandle.class))
                        .isInstanceOf(NoSuchBeanDefinitionException.class);
                assertThat(keymint.http().token("external-admin", "external-admin-secret-0123456789abcdef").status())
                        .isEqualTo(200);
                assertThat(keymint.bean(JdbcClient.class).sql("SELECT DATABASE()").query(String.class).single())
                        .isEqualTo(database);
                assertThat(keymint.http().get("/actuator/health/readiness").status()).isEqualTo(200);
            }
        } finally {
            EmbeddedMariaDb.release(external);
        }
        assertThat(Path.of("target/must-stay-unused")).doesNotExist();
    }
}
