package dev.keymint.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.keymint.signing.KeySelection.StoredKey;

/**
 * The signing keys in the keys folder, one private JWK per {@code *.jwk} file, shared by every
 * instance. A key's age is its {@code iat}, so that every instance reading the same folder
 * makes the same choices:
 *
 * <ul>
 * <li>A key is published from the first read that finds it.</li>
 * <li>The newest key of the configured algorithm that is older than one reload interval signs:
 * by then every instance publishes it, so no instance hands out a token that another one's JWK
 * Set cannot verify. When no key is that old (first start, or a rotation moments after it), the
 * oldest key signs, which keeps the signing key unchanged until the new one has spread.</li>
 * <li>A key that no longer signs stays published until every token it can have signed has
 * expired: its successor's {@code iat}, plus one reload interval for the successor to start
 * signing and one more for every instance to notice, plus the longest token lifetime and the
 * clock skew verifiers allow. Then it leaves the JWK Set. Its file stays in the folder: an
 * instance never deletes a key another one might still need.</li>
 * </ul>
 *
 * <p>When the folder holds no key of the configured algorithm, exactly one is generated even if
 * several instances start at once on an empty shared folder: a lock file created with
 * {@code O_EXCL} semantics elects the instance that generates, the others wait for its key.
 */
public class SigningKeys {

    static final String SUFFIX = ".jwk";
    static final String GENERATION_LOCK = ".generating.lock";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    // generating a key takes well under a second; a lock this old was left by an instance that died
    static final Duration STALE_LOCK = Duration.ofSeconds(30);
    private static final long LOCK_POLL_MILLIS = 50;

    private final Path directory;
    private final SigningAlgorithm algorithm;
    private final KeySelection selection;
    private final SignatureProvider signatureProvider;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /**
     * The keys as last read: the published ones and the one that signs.
     *
     * @param all every published key, private parts included (the JWK Set endpoint strips them)
     * @param signing the key new tokens are signed with
     */
    public record Snapshot(JWKSet all, JWK signing) {
    }

    /** Keys whose tokens the JDK's providers sign. */
    public SigningKeys(Path directory, SigningAlgorithm algorithm, Duration reloadInterval,
            Duration tokenVerificationWindow, Clock clock) {
        this(directory, algorithm, reloadInterval, tokenVerificationWindow, SignatureProvider.jdk(), clock);
    }

    /**
     * @param reloadInterval how often every instance re-reads the folder
     * @param tokenVerificationWindow how long after a key last signed its tokens can still be
     *        presented: the longest token lifetime plus the clock skew verifiers tolerate
     * @param signatureProvider the JCA provider that signs tokens with these keys
     */
    public SigningKeys(Path directory, SigningAlgorithm algorithm, Duration reloadInterval,
            Duration tokenVerificationWindow, SignatureProvider signatureProvider, Clock clock) {
        this.directory = directory;
        this.algorithm = algorithm;
        this.selection = new KeySelection(algorithm, reloadInterval, tokenVerificationWindow);
        this.signatureProvider = signatureProvider;
        this.clock = clock;
        this.snapshot = selection.select(loadOrGenerate(), clock.instant());
        log.info("Signing with {} key {} from {}; {} key(s) published", algorithm, snapshot.signing().getKeyID(),
                directory, snapshot.all().size());
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /** Who signs with these keys: the native provider or the JDK's. */
    public SignatureProvider signatureProvider() {
        return signatureProvider;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Re-reads the folder: a key added by rotation is published, later signs, and old keys leave
     * the JWK Set, all without a restart. On failure the keys read before stay in use.
     */
    public synchronized Snapshot reload() {
        List<StoredKey> keys = read();
        if (keys.stream().noneMatch(selection::canSign)) {
            throw new IllegalStateException("The keys folder " + directory + " no longer holds a " + algorithm
                    + " signing key");
        }
        Snapshot previous = snapshot;
        Snapshot next = selection.select(keys, clock.instant());
        if (kids(next.all()).equals(kids(previous.all()))
                && next.signing().getKeyID().equals(previous.signing().getKeyID())) {
            // unchanged: the same snapshot, so that whatever is derived from it stays valid
            return previous;
        }
        logChanges(previous, next, keys.stream().map(key -> key.jwk().getKeyID()).collect(Collectors.toSet()));
        snapshot = next;
        return next;
    }

    /**
     * Generates a new key of {@code algorithm} into {@code directory}, stamped with the current
     * time as its {@code iat}, or one second after the newest key there if that is not earlier.
     * Returns its public part.
     */
    public static JWK writeNewKey(Path directory, SigningAlgorithm algorithm, Clock clock) {
        createFolder(directory);
        JWK key = generate(algorithm, issuedAfterEveryKeyIn(directory, clock));
        write(directory, key);
        return key.toPublicJWK();
    }

    // The newest key signs, and iat counts whole seconds: a key written in the same second as the
    // previous one would tie with it, and the tie-break (by kid) might keep the old one signing.
    private static Instant issuedAfterEveryKeyIn(Path directory, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant newest = read(directory).stream().map(StoredKey::issuedAt).max(Comparator.naturalOrder())
                .orElse(Instant.EPOCH);
        return newest.isBefore(now) ? now : newest.plusSeconds(1);
    }

    private void logChanges(Snapshot previous, Snapshot next, Set<String> inFolder) {
        if (!previous.signing().getKeyID().equals(next.signing().getKeyID())) {
            log.info("Signing with {} key {} from now on", algorithm, next.signing().getKeyID());
        }
        Set<String> before = kids(previous.all());
        Set<String> after = kids(next.all());
        after.stream().filter(kid -> !before.contains(kid))
                .forEach(kid -> log.info("Publishing signing key {}", kid));
        before.stream().filter(kid -> !after.contains(kid)).forEach(kid -> {
            if (inFolder.contains(kid)) {
                log.info("Signing key {} retired: every token it signed has expired; it is no longer published, "
                        + "and its file in {} may be deleted", kid, directory);
            } else {
                log.warn("Signing key {} was removed from {}: no longer published, tokens it signed no longer "
                        + "verify", kid, directory);
            }
        });
    }

    private static Set<String> kids(JWKSet keys) {
        return keys.getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    private List<StoredKey> loadOrGenerate() {
        createFolder(directory);
        Path lock = directory.resolve(GENERATION_LOCK);
        while (true) {
            List<StoredKey> keys = read();
            if (keys.stream().anyMatch(selection::canSign)) {
                return keys;
            }
            if (tryLock(lock)) {
                try {
                    // another instance may have written its key between our read and our lock
                    keys = read();
                    if (keys.stream().noneMatch(selection::canSign)) {
                        JWK key = writeNewKey(directory, algorithm, clock);
                        log.info("Generated a new {} signing key {} in {}", algorithm, key.getKeyID(), directory);
                        keys = read();
                    }
                    return keys;
                } finally {
                    unlock(lock);
                }
            }
            breakIfStale(lock);
            pause();
        }
    }

    // owner-only when keymint creates it; an existing folder (a mounted volume) keeps its permissions
    private static void createFolder(Path directory) {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the keys folder " + directory, e);
        }
    }

    private boolean tryLock(Path lock) {
        try {
            Files.createFile(lock, OWNER_ONLY);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key generation lock " + lock, e);
        }
    }

    private static void unlock(Path lock) {
        try {
            Files.deleteIfExists(lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the key generation lock " + lock, e);
        }
    }

    // File times come from the file system, so they are compared with real time, not the clock.
    private static void breakIfStale(Path lock) {
        try {
            Instant created = Files.getLastModifiedTime(lock).toInstant();
            if (created.plus(STALE_LOCK).isBefore(Instant.now())) {
                log.warn("Removing the key generation lock {} left by an instance that stopped while generating", lock);
                Files.deleteIfExists(lock);
            }
        } catch (NoSuchFileException e) {
            // released meanwhile: the next round reads the key or takes the lock
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot inspect the key generation lock " + lock, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(LOCK_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for another instance to generate the signing key", e);
        }
    }

    private List<StoredKey> read() {
        return read(directory);
    }

    private static List<StoredKey> read(Path directory) {
        List<StoredKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                JWK jwk = parse(file);
                Date issued = jwk.getIssueTime();
                keys.add(new StoredKey(jwk, issued == null ? Instant.EPOCH : issued.toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the keys folder " + directory, e);
        }
        return keys;
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

    private static JWK generate(SigningAlgorithm algorithm, Instant issuedAt) {
        Date now = Date.from(issuedAt);
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
    private static void write(Path directory, JWK key) {
        Path target = directory.resolve(key.getIssueTime().toInstant().toEpochMilli() + "-" + key.getKeyID() + SUFFIX);
        Path temporary = directory.resolve("." + key.getKeyID() + ".tmp");
        try {
            Files.createFile(temporary, OWNER_ONLY);
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
