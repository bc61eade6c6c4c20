import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

/**
 * Helpers for bench/run.sh, run on the same JVM as keymint:
 *
 * <pre>
 *   hash SECRET                     the stored-hash string keymint accepts for SECRET
 *   ceiling RS256|ES256 SECS THREADS signatures per second on THREADS threads (the signing
 *                                   ceiling), and CPU microseconds per signature
 *   wait URL SECS                   waits until URL answers 200
 * </pre>
 */
public class BenchTool {

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "hash" -> System.out.println(hash(args[1]));
            case "ceiling" -> ceiling(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "wait" -> System.exit(waitFor(args[1], Integer.parseInt(args[2])) ? 0 : 1);
            default -> {
                System.err.println("usage: BenchTool hash SECRET | ceiling ALG SECONDS THREADS | wait URL SECONDS");
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
     * with a fresh RSA-2048 or P-256 key through Nimbus' signers (the JDK's SHA256withRSA and
     * ECDSA, which keymint calls through pooled Signature objects) on THREADS threads:
     * a warm-up of a third of the time, then SECONDS measured. Prints "ceiling ALG RATE CPU_US":
     * the rate counts wall-clock time, CPU_US the CPU time one signature took, which other work
     * on the machine does not change much.
     */
    static void ceiling(String alg, int seconds, int threads) throws Exception {
        JWSSigner signer;
        JWSHeader header;
        String kid = UUID.randomUUID().toString();
        if ("ES256".equals(alg)) {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
            signer = new ECDSASigner(key);
            header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID(kid).build();
        } else {
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).generate();
            signer = new RSASSASigner(key);
            header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID(kid).build();
        }
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"sub\":\"kmc_bench_0000001\",\"aud\":\"http://127.0.0.1:9000\",\"nbf\":" + now
                + ",\"role_id\":\"" + UUID.randomUUID() + "\",\"scope\":\"api-keys:read api-keys:write roles:read "
                + "roles:write microtenants:read microtenants:write audit:read signing-keys:write\",\"role\":"
                + "\"API Full Access\",\"iss\":\"http://127.0.0.1:9000\",\"exp\":" + (now + 3600) + ",\"iat\":" + now
                + ",\"jti\":\"" + UUID.randomUUID() + "\",\"client_id\":\"kmc_bench_0000001\",\"customer_id\":\""
                + UUID.randomUUID() + "\"}";
        byte[] signingInput = (header.toBase64URL() + "." + Base64URL.encode(claims))
                .getBytes(StandardCharsets.US_ASCII);

        run(signer, header, signingInput, Math.max(1, seconds / 3), threads);
        double[] result = run(signer, header, signingInput, seconds, threads);
        System.out.printf("ceiling %s %.0f %.1f%n", alg, result[0], result[1]);
    }

    /** Signatures per second of wall-clock time, and CPU microseconds per signature. */
    private static double[] run(JWSSigner signer, JWSHeader header, byte[] input, int seconds, int threads)
            throws Exception {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        LongAdder cpuNanos = new LongAdder();
        LongAdder count = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    long cpuStart = cpu.getCurrentThreadCpuTime();
                    while (!stop.get()) {
                        signer.sign(header, input);
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
