package dev.keymint.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.core.io.Resource;

/**
 * A strong ETag per file: a digest of its content, computed once per file and modification time
 * (files in the jar never change; files in a build directory do while the console is worked on).
 */
final class ContentEtags implements Function<Resource, String> {

    private final Map<String, String> byLocation = new ConcurrentHashMap<>();

    @Override
    public String apply(Resource resource) {
        return byLocation.computeIfAbsent(location(resource), ignored -> digest(resource));
    }

    private static String location(Resource resource) {
        try {
            return resource.getURL() + "@" + resource.lastModified();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256).substring(0, 22) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
