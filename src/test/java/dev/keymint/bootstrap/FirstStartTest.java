package dev.keymint.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.apikey.ClientSecrets;
import dev.keymint.support.Http;
import dev.keymint.support.RunningKeymint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First start on an empty database and a restart on the same data, as an operator would do it.
 */
class FirstStartTest {

    @TempDir
    Path keysDir;

    Map<String, String> properties(String database) {
        return Map.of("keymint.embedded-database.database-name", database,
                "keymint.signing.keys-directory", keysDir.toString());
    }

    @Test
    void generatesAndPrintsTheBootstrapKeyOnceAndKeepsEverythingAcrossARestart() throws Exception {
        String database = "first_start_" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        String clientId;
        String secret;
        String customerId;
        String createdKeyToken;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (RunningKeymint keymint = RunningKeymint.start(properties(database))) {
            String printed = console.toString(StandardCharsets.UTF_8);
            clientId = group(printed, "client ID:\\s+(\\S+)");
            secret = group(printed, "client secret:\\s+(\\S+)");
            customerId = group(printed, "customer ID:\\s+(\\S+)");
            assertThat(ClientSecrets.looksGenerated(secret)).isTrue();
            assertThat(printed).contains("shown once");

            Http.Response token = keymint.http().token(clientId, secret);
            assertThat(token.status()).isEqualTo(200);
            createdKeyToken = token.json().get("access_token").asString();
            JdbcClient jdbc = keymint.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT secret_hash FROM api_key WHERE client_id = ?").param(clientId)
                    .query(String.class).single()).doesNotContain(secret).startsWith("s256$");
            assertThat(jdbc.sql("SELECT name FROM role WHERE customer_id = ? AND predefined").param(customerId)
                    .query(String.class).list()).contains("API Full Access");
        } finally {
            System.setOut(original);
        }
        List<Path> keyFiles;
        try (var files = Files.list(keysDir)) {
            keyFiles = files.toList();
        }
        assertThat(keyFiles).hasSize(1);
        assertThat(Files.getPosixFilePermissions(keyFiles.getFirst()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
        System.setOut(new PrintStream(secondConsole, true, StandardCharsets.UTF_8));
        try (RunningKeymint keymint = RunningKeymint.start(properties(database))) {
            assertThat(secondConsole.toString(StandardCharsets.UTF_8)).doesNotContain(secret).doesNotContain("client secret:");
            JdbcClient jdbc = keymint.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM api_key").query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM role WHERE predefined").query(Long.class).single())
                    .isEqualTo(2);

            Http http = keymint.http();
            assertThat(http.token(clientId, secret).status()).isEqualTo(200);
            Http.Response introspection = http.postForm("/oauth2/introspect", Http.basic(clientId, secret),
                    "token=" + Http.form(createdKeyToken));
            assertThat(introspection.json().get("active").asBoolean())
                    .as("a token signed before the restart still verifies with the same key").isTrue();
        } finally {
            System.setOut(original);
        }
        try (var files = Files.list(keysDir)) {
            assertThat(files.toList()).isEqualTo(keyFiles);
        }
    }

    @Test
    void takesTheBootstrapKeyFromConfigurationAndPrintsNoSecret() {
        String database = "first_start_" + UUID.randomUUID().toString().replace("-", "");
        String secret = "operator-supplied-secret-with-32-or-more-chars";
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (RunningKeymint keymint = RunningKeymint.start(Map.of(
                "keymint.embedded-database.database-name", database,
                "keymint.signing.keys-directory", keysDir.toString(),
                "keymint.bootstrap.client-id", "ops-admin-key",
                "keymint.bootstrap.client-secret", secret))) {
            assertThat(keymint.http().token("ops-admin-key", secret).status()).isEqualTo(200);
        } finally {
            System.setOut(original);
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(secret).contains("ops-admin-key");
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("console shows " + regex).isTrue();
        return matcher.group(1);
    }
}
