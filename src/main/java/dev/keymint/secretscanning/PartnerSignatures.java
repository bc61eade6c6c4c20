package dev.keymint.secretscanning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.keymint.web.DependencyUnavailableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a partner's signature of a report: ECDSA P-256 with SHA-256 over the raw body, DER and
 * base64 in {@code GITHUB-PUBLIC-KEY-SIGNATURE}, by the key named in
 * {@code GITHUB-PUBLIC-KEY-IDENTIFIER}, one of those published at
 * {@code keymint.secret-reports.partner.public-keys-url} as
 * {@code {"public_keys":[{"key_identifier","key"}]}} (PEM). The keys are fetched when first needed,
 * again when a report names an unknown key (at most once a minute, so that made-up key IDs cannot
 * make keymint fetch on every request), and at least every hour. A key list that cannot be fetched
 * is a dependency down: 503, so that the partner sends the report again.
 */
@Component
class PartnerSignatures {

    private static final Duration MAX_AGE = Duration.ofHours(1);
    private static final Duration MIN_REFETCH = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final @Nullable URI publicKeysUrl;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;

    PartnerSignatures(SecretScanningProperties properties, JsonMapper json, Clock clock) {
        this.publicKeysUrl = properties.publicKeysUrl();
        this.json = json;
        this.clock = clock;
    }

    boolean required() {
        return publicKeysUrl != null;
    }

    /** Whether the body was signed by the named key of the partner. */
    boolean verify(@Nullable String keyId, @Nullable String signature, byte[] body) {
        if (keyId == null || signature == null || keyId.isBlank()) {
            return false;
        }
        PublicKey key = key(keyId);
        if (key == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a signature that is not base64 or not DER is no signature
            return false;
        }
    }

    private @Nullable PublicKey key(String keyId) {
        Instant now = clock.instant();
        PublicKey key = keys.get(keyId);
        Duration age = Duration.between(fetchedAt, now);
        if (age.compareTo(MAX_AGE) > 0 || key == null && age.compareTo(MIN_REFETCH) > 0) {
            refresh(now);
            key = keys.get(keyId);
        }
        return key;
    }

    private synchronized void refresh(Instant now) {
        // another request fetched them while this one waited
        if (Duration.between(fetchedAt, now).compareTo(MIN_REFETCH) <= 0) {
            return;
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(publicKeysUrl).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("status " + response.statusCode());
            }
            Map<String, PublicKey> fetched = new HashMap<>();
            KeyFactory ec = KeyFactory.getInstance("EC");
            for (JsonNode entry : json.readTree(response.body()).path("public_keys").values()) {
                String pem = entry.path("key").isString() ? entry.get("key").asString() : "";
                String der = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                if (!entry.path("key_identifier").isString()) {
                    continue;
                }
                fetched.put(entry.get("key_identifier").asString(),
                        ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(der))));
            }
            keys = Map.copyOf(fetched);
            fetchedAt = now;
        } catch (IOException | JacksonException | GeneralSecurityException | IllegalArgumentException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private DependencyUnavailableException unavailable(Exception e) {
        return new DependencyUnavailableException("keymint cannot fetch the secret-scanning partner's public keys "
                + "right now; send the report again shortly.", e);
    }
}
