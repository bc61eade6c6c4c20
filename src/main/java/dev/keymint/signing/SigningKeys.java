package dev.keymint.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys in the keys folder, one private JWK per {@code *.jwk} file. The newest key of
 * the configured algorithm signs; every key is published in the JWK Set. When the folder holds no
 * key of that algorithm, one is generated and written with owner-only permissions.
 */
public class SigningKeys {

    static final String SUFFIX = ".jwk";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final Path directory;
    private final SigningAlgorithm algorithm;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /** The keys as last read: all of them, and the one that signs. */
    public record Snapshot(JWKSet all, JWK signing) {
    }

    public SigningKeys(Path directory, SigningAlgorithm algorithm, Clock clock) {
        this.directory = directory;
        this.algorithm = algorithm;
        this.clock = clock;
        this.snapshot = loadOrGenerate();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /** Re-reads the folder, so that a key added by rotation is used without a restart. */
    public synchronized Snapshot reload() {
        snapshot = read().orElseThrow(() -> new IllegalStateException("The keys folder " + directory
                + " no longer holds a " + algorithm + " signing key"));
        return snapshot;
    }

    /** Generates a new key into the folder; it signs from the next reload on. */
    public synchronized JWK addKey() {
        JWK key = generate();
        write(key);
        reload();
        return key.toPublicJWK();
    }

    private Snapshot loadOrGenerate() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the keys folder " + directory, e);
        }
        return read().orElseGet(() -> {
            JWK key = generate();
            write(key);
            log.info("Generated a new {} signing key {} in {}", algorithm, key.getKeyID(), directory);
            return read().orElseThrow();
        });
    }

    private Optional<Snapshot> read() {
        List<JWK> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                keys.add(parse(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the keys folder " + directory, e);
        }
        keys.sort(Comparator.comparing(SigningKeys::issuedAt).reversed().thenComparing(JWK::getKeyID));
        return keys.stream()
                .filter(key -> key.getKeyType().equals(algorithm.keyType()))
                .findFirst()
                .map(signing -> new Snapshot(new JWKSet(keys), signing));
    }

    private static JWK parse(Path file) {
        try {
            JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!jwk.isPrivate() || jwk.getKeyID() == null) {
                throw new IllegalStateException("The key file " + file + " must hold a private JWK with a kid");
            }
            return jwk;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + file, e);
        } catch (ParseException e) {
            // the parser's message may quote key material, so it is not passed on
            throw new IllegalStateException("The key file " + file + " is not a valid JWK");
        }
    }

    private static Instant issuedAt(JWK key) {
        Date issued = key.getIssueTime();
        return issued == null ? Instant.EPOCH : issued.toInstant();
    }

    private JWK generate() {
        Date now = Date.from(clock.instant());
        String kid = UUID.randomUUID().toString();
        try {
            return switch (algorithm) {
                case RS256 -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(algorithm.jwsAlgorithm()).issueTime(now).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(algorithm.jwsAlgorithm()).issueTime(now).generate();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a " + algorithm + " key", e);
        }
    }

    // Written to a temporary owner-only file first and moved into place, so that no other
    // instance ever reads half a key.
    private void write(JWK key) {
        Path target = directory.resolve(key.getIssueTime().toInstant().toEpochMilli() + "-" + key.getKeyID() + SUFFIX);
        Path temporary = directory.resolve("." + key.getKeyID() + ".tmp");
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Key file " + target + " exists already", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a signing key into " + directory, e);
        }
    }
}
