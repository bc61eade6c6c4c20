package dev.keymint.galera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three-node cluster that {@code deploy/galera/cluster.sh start} runs, as the test sees it:
 * where its nodes listen, a JDBC URL that prefers one of them, and the script's commands to kill,
 * restart and wait for nodes. Without a running cluster it fails: the test never skips.
 */
final class GaleraCluster {

    /**
     * keymint's Connector/J settings for Galera, as docs/operations.md gives them: every read
     * waits for what the cluster committed before it (so a lock set through another node is seen
     * at once), connecting and reading give up fast so that a dead node costs a request a second
     * or two instead of minutes, and a fail-over tries each node at most twice.
     */
    static final String URL_OPTIONS = "sessionVariables=wsrep_sync_wait=1&connectTimeout=1000&socketTimeout=10000"
            + "&retriesAllDown=6";

    private final Path directory;
    private final Path script;
    private final List<String> hosts;
    private final String user;
    private final String password;

    private GaleraCluster(Path directory, Path script, List<String> hosts, String user, String password) {
        this.directory = directory;
        this.script = script;
        this.hosts = hosts;
        this.user = user;
        this.password = password;
    }

    /** The cluster that {@code KEYMINT_GALERA_DIR} points at (set by deploy/galera/test.sh). */
    static GaleraCluster fromEnvironment() {
        String dir = System.getenv("KEYMINT_GALERA_DIR");
        if (dir == null || !Files.isRegularFile(Path.of(dir, "cluster.env"))) {
            throw new IllegalStateException("No Galera cluster: run this test through deploy/galera/test.sh, which "
                    + "starts one and sets KEYMINT_GALERA_DIR (" + dir + ")");
        }
        java.util.Properties env = new java.util.Properties();
        try (var reader = Files.newBufferedReader(Path.of(dir, "cluster.env"))) {
            env.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new GaleraCluster(Path.of(dir), Path.of(env.getProperty("KEYMINT_GALERA_SCRIPT")),
                List.of(env.getProperty("KEYMINT_GALERA_HOSTS").split(",")), env.getProperty("KEYMINT_GALERA_USER"),
                env.getProperty("KEYMINT_GALERA_PASSWORD"));
    }

    /** A sequential URL that lists node {@code first} first, then the others in order. */
    String urlPreferring(int first) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            order.add(hosts.get((first - 1 + i) % hosts.size()));
        }
        return "jdbc:mariadb:sequential://" + String.join(",", order) + "/keymint?" + URL_OPTIONS;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The node's error log: whether it rejoined by IST shows there. */
    String errorLog(int node) throws IOException {
        return Files.readString(directory.resolve("node" + node).resolve("error.log"), StandardCharsets.UTF_8);
    }

    /**
     * One value read on node {@code node} alone, after the node applied everything the cluster
     * committed before (wsrep_sync_wait), so that it says what that node holds.
     */
    long readOnNode(int node, String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mariadb://" + hosts.get(node - 1) + "/keymint?sessionVariables=wsrep_sync_wait=1", user,
                password);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no row on node" + node + " for " + sql + " with " + parameter);
                }
                return rows.getLong(1);
            }
        }
    }

    void kill(int node) {
        run("kill", Integer.toString(node));
    }

    void startNode(int node) {
        run("start-node", Integer.toString(node));
    }

    /** Waits until every running node is Synced in a Primary Component of {@code size} nodes. */
    void awaitSynced(int size) {
        run("wait-synced", Integer.toString(size), "180");
    }

    String status() {
        return run("status");
    }

    private String run(String... command) {
        List<String> line = new ArrayList<>(List.of("bash", script.toString()));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(240, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("cluster.sh " + String.join(" ", command) + " failed:\n" + output);
            }
            System.out.print(output);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
