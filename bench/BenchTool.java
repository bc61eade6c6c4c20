import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Helpers for bench/run.sh, run on the same JVM as keymint:
 *
 * <pre>
 *   hash SECRET                     the stored-hash string keymint accepts for SECRET
 *   ceiling RS256|ES256 SECS THREADS native|jdk
 *                                   signatures per second on THREADS threads with that provider
 *                                   (the signing ceiling), and CPU microseconds per signature
 *   wait URL SECS                   waits until URL answers 200
 *   get URL                         prints the body of URL
 * </pre>
 */
public class BenchTool {

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "hash" -> System.out.println(hash(args[1]));
            case "ceiling" -> ceiling(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
            case "wait" -> System.exit(waitFor(args[1], Integer.parseInt(args[2])) ? 0 : 1);
            case "get" -> System.out.println(get(args[1]));
            default -> {
                System.err.println("usage: BenchTool hash SECRET | ceiling ALG SECONDS THREADS PROVIDER | wait URL SECONDS | get URL");
                System.exit(2);
            }
        }
    }

    /** Same format as keymint's ClientSecrets.hash: s256$salt$sha256(salt || secret), base64url. */
    static String hash(String secret) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(salt);
        byte[] digest = sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "s256$" + b64.encodeToString(salt) + "$" + b64.encodeToString(digest);
    }

    /**
     * Signs a token-sized signing input (header and claims shaped like keymint's access tokens)
     * with a fresh RSA-2048 or P-256 key the way keymint does: a JCA {@code Signature} of
     * PROVIDER ({@code native}: Amazon Corretto Crypto Provider, the jar keymint ships;
     * {@code jdk}: the JVM's providers), initialised once and used again and again
     * ({@code SHA256withRSA}, or {@code SHA256withECDSAinP1363Format} for the JWS R||S form), one
     * per thread on THREADS threads: a warm-up of a third of the time, then SECONDS measured.
     * Prints "ceiling ALG PROVIDER RATE CPU_US": the rate counts wall-clock time, CPU_US the CPU
     * time one signature took, which other work on the machine does not change much. A provider
     * that cannot run here prints a rate of 0.
     */
    static void ceiling(String alg, int seconds, int threads, String providerName) throws Exception {
        Provider provider = null;
        if ("native".equals(providerName)) {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                System.err.println("native provider unavailable: " + accp.getLoadingError());
                System.out.printf("ceiling %s %s 0 0%n", alg, providerName);
                return;
            }
            provider = accp;
        } else if (!"jdk".equals(providerName)) {
            throw new IllegalArgumentException("provider: native or jdk, not " + providerName);
        }
        boolean es256 = "ES256".equals(alg);
        KeyPairGenerator generator = KeyPairGenerator.getInstance(es256 ? "EC" : "RSA");
        generator.initialize(es256 ? 256 : 2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        String jcaAlgorithm = es256 ? "SHA256withECDSAinP1363Format" : "SHA256withRSA";
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + UUID.randomUUID() + "\"}";
        String claims = "{\"iss\":\"http://127.0.0.1:9000\",\"sub\":\"kmc_bench_0000001\",\"aud\":[\"http://127.0.0.1:9000\"],"
                + "\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"client_id\":\"kmc_bench_0000001\",\"role\":\"API Full Access\",\"role_id\":\"" + UUID.randomUUID()
                + "\",\"customer_id\":\"" + UUID.randomUUID() + "\",\"scope\":\"api-keys:read api-keys:write roles:read "
                + "roles:write microtenants:read microtenants:write audit:read signing-keys:write\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] signingInput = (b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
        Provider chosen = provider;
        Callable<Signature> signatures = () -> {
            Signature signature = chosen == null ? Signature.getInstance(jcaAlgorithm)
                    : Signature.getInstance(jcaAlgorithm, chosen);
            signature.initSign(key);
            return signature;
        };

        run(signatures, signingInput, Math.max(1, seconds / 3), threads);
        double[] result = run(signatures, signingInput, seconds, threads);
        System.out.printf("ceiling %s %s %.0f %.1f%n", alg, providerName, result[0], result[1]);
    }

    /** Signatures per second of wall-clock time, and CPU microseconds per signature. */
    private static double[] run(Callable<Signature> signatures, byte[] input, int seconds, int threads)
            throws Exception {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        LongAdder cpuNanos = new LongAdder();
        LongAdder count = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Signature signature = signatures.call();
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    long cpuStart = cpu.getCurrentThreadCpuTime();
                    while (!stop.get()) {
                        signature.update(input);
                        signature.sign();
                        count.increment();
                    }
                    cpuNanos.add(cpu.getCurrentThreadCpuTime() - cpuStart);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        long begin = System.nanoTime();
        start.countDown();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        return new double[] {count.sum() / elapsed, cpuNanos.sum() / 1e3 / count.sum()};
    }

    static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static boolean waitFor(String url, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        return false;
    }
}
