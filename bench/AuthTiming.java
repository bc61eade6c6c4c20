import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Driver of bench/auth-timing.sh: what a failed client authentication costs keymint, by kind.
 *
 * <p>Creates its keys through the administration API, then sends token requests of every kind
 * in a shuffled order, one at a time over one connection, each tagged with an
 * {@code X-Bench-Kind} header that the server's access log records next to its own elapsed time.
 * Interleaving puts every kind under the same background noise (other processes on the machine,
 * garbage collection, the database's own work), so that a difference between kinds is the
 * server's and not the moment's.
 *
 * <p>Usage: {@code java AuthTiming.java BASE_URL ADMIN_ID ADMIN_SECRET ROUNDS WARMUP ACCESS_LOG}
 */
public class AuthTiming {

    enum Kind {
        UNKNOWN_ID("unknown client ID"),
        WRONG_SECRET("known ID, wrong secret"),
        RIGHT_SECRET("right secret (reference)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Wrong secrets per key before the driver moves to the next one; the lock is set at 1,000. */
    static final int FAILURES_PER_KEY = 900;

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final SecureRandom RANDOM = new SecureRandom();
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String adminId = args[1];
        String adminSecret = args[2];
        int rounds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        Path accessLog = Path.of(args[5]);

        String admin = token(base, adminId, adminSecret);
        String roleId = firstMatch(send(get(base + "/api/v1/roles?pageSize=500", admin)).body(),
                "\"id\":\"([^\"]+)\"[^}]*\"name\":\"API Read Only\"");
        String[] good = newKey(base, admin, roleId, "auth-timing good");
        List<String> wrongIds = new ArrayList<>();
        for (int i = 0; i <= (rounds + warmup) / FAILURES_PER_KEY; i++) {
            wrongIds.add(newKey(base, admin, roleId, "auth-timing wrong " + i)[0]);
        }

        run(base, good, wrongIds, warmup, "warmup-");
        Map<Kind, List<Long>> client = run(base, good, wrongIds, rounds, "");
        Thread.sleep(500);

        Map<Kind, List<Long>> server = serverTimes(accessLog);
        System.out.printf(Locale.ROOT, "%-28s %6s | %28s | %28s%n", "kind", "n",
                "server µs: median  p90  p99", "client µs: median  p90  p99");
        for (Kind kind : Kind.values()) {
            System.out.printf(Locale.ROOT, "%-28s %6d | %28s | %28s%n", kind.label, server.get(kind).size(),
                    percentiles(server.get(kind)), percentiles(client.get(kind)));
        }
    }

    /** {@code rounds} requests of each kind, in a shuffled order; the client-side time of each. */
    static Map<Kind, List<Long>> run(String base, String[] good, List<String> wrongIds, int rounds, String tagPrefix)
            throws Exception {
        Map<Kind, List<Long>> times = new EnumMap<>(Kind.class);
        List<Kind> order = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            times.put(kind, new ArrayList<>(rounds));
            for (int i = 0; i < rounds; i++) {
                order.add(kind);
            }
        }
        Collections.shuffle(order, RANDOM);
        int wrongSent = 0;
        for (Kind kind : order) {
            String clientId = switch (kind) {
                case UNKNOWN_ID -> "kmc_" + random(22);
                case WRONG_SECRET -> wrongIds.get(wrongSent++ / FAILURES_PER_KEY % wrongIds.size());
                case RIGHT_SECRET -> good[0];
            };
            String secret = kind == Kind.RIGHT_SECRET ? good[1] : "kms_" + random(49);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                    .header("Authorization", basic(clientId, secret))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Bench-Kind", tagPrefix + kind.name())
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - start) / 1_000;
            int expected = kind == Kind.RIGHT_SECRET ? 200 : 401;
            if (response.statusCode() != expected) {
                throw new IllegalStateException(kind + " answered " + response.statusCode() + ": " + response.body());
            }
            times.get(kind).add(micros);
        }
        return times;
    }

    /** The server's elapsed time of every measured request, from lines "KIND STATUS MICROS". */
    static Map<Kind, List<Long>> serverTimes(Path accessLog) throws IOException {
        Map<Kind, List<Long>> times = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            times.put(kind, new ArrayList<>());
        }
        try (var files = Files.list(accessLog.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(accessLog.getFileName().toString())).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.trim().split(" ");
                    if (fields.length == 3 && !fields[0].startsWith("warmup-") && !fields[0].equals("-")) {
                        times.get(Kind.valueOf(fields[0])).add(Long.parseLong(fields[2]));
                    }
                }
            }
        }
        return times;
    }

    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%7d %5d %5d", at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99));
    }

    static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    static String[] newKey(String base, String admin, String roleId, String name) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/api-keys"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"roleId\":\"" + roleId + "\"}"))
                .build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating a key answered " + created.statusCode() + ": " + created.body());
        }
        return new String[] {firstMatch(created.body(), "\"clientId\":\"([^\"]+)\""),
                firstMatch(created.body(), "\"clientSecret\":\"([^\"]+)\"")};
    }

    static String token(String base, String clientId, String secret) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        return firstMatch(response.body(), "\"access_token\":\"([^\"]+)\"");
    }

    static HttpRequest get(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET().build();
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String clientId, String secret) {
        String joined = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    static String firstMatch(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return matcher.group(1);
    }

    static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
