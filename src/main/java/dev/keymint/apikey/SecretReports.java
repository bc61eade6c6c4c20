package dev.keymint.apikey;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.keymint.audit.AuditAction;
import dev.keymint.audit.AuditLog;
import dev.keymint.caller.Caller;
import dev.keymint.common.InvalidInputException;
import dev.keymint.common.NotFoundException;
import dev.keymint.common.Versions;

/**
 * Reports of leaked secrets: the secret finds its key by its {@linkplain ClientSecrets#lookupDigest
 * lookup digest}, the stored salted hash confirms it, and the key is disabled or given a new secret
 * nobody is shown ({@code keymint.secret-reports.action}), in one transaction with its audit event.
 *
 * <p>Who may report: whoever holds the secret. An administrator reports within its scope and needs
 * {@code api-keys:write}, but not the key's role: holding the secret is a stronger proof than any
 * permission (its holder can already do all the key can), and a report only takes access away. A
 * secret-scanning partner reports anything; it learns nothing from the answer.
 */
@Service
public class SecretReports {

    /** The audit log's actor of a partner's report. */
    public static final String PARTNER_ACTOR = "secret-scanning";
    private static final int MAX_DETAIL_LENGTH = 512;

    /** A report acted on: the key afterwards, and whether this report changed it. */
    public record Reported(ApiKey key, SecretReportProperties.Action action, boolean changed) {
    }

    private final ApiKeyRepository apiKeys;
    private final ClientSecrets secrets;
    private final AuditLog auditLog;
    private final SecretReportProperties properties;
    private final Clock clock;

    public SecretReports(ApiKeyRepository apiKeys, ClientSecrets secrets, AuditLog auditLog,
            SecretReportProperties properties, Clock clock) {
        this.apiKeys = apiKeys;
        this.secrets = secrets;
        this.auditLog = auditLog;
        this.properties = properties;
        this.clock = clock;
    }

    /** An administrator's report, of a key within its scope; anything else is "not found". */
    @Transactional
    public Reported reportByCaller(Caller caller, String secret) {
        if (!ClientSecrets.looksGenerated(secret)) {
            throw new InvalidInputException("secret", "is not a secret keymint generated (kms_ and 49 base62 "
                    + "characters, the last 6 a checksum); only those can be looked up");
        }
        Instant now = clock.instant();
        Match match = find(secret, now)
                .filter(found -> caller.customerId().equals(found.key().customerId()) && (!caller.isMicrotenantScoped()
                        || caller.microtenantId().equals(found.key().microtenantId())))
                .orElseThrow(() -> new NotFoundException("No API key within your scope has this secret, "
                        + "or the secret was replaced already."));
        Reported reported = act(match.key(), now);
        auditLog.record(caller, AuditAction.API_KEY_SECRET_REPORTED, match.key().clientId(), match.key().microtenantId(),
                details(reported, match, "administrator", null, null, null));
        return reported;
    }

    /**
     * A secret-scanning partner's report: acts on whichever key, of any customer, has the secret;
     * does nothing when none has. Returns whether a key was found, for the caller's log only.
     */
    @Transactional
    public boolean reportFromPartner(String secret, @Nullable String type, @Nullable String url,
            @Nullable String source) {
        Instant now = clock.instant();
        Optional<Match> found = find(secret, now);
        if (found.isEmpty()) {
            return false;
        }
        Match match = found.get();
        Reported reported = act(match.key(), now);
        auditLog.recordAs(PARTNER_ACTOR, match.key().customerId(), AuditAction.API_KEY_SECRET_REPORTED,
                match.key().clientId(), match.key().microtenantId(), details(reported, match, "partner", type, url, source));
        return true;
    }

    private record Match(ApiKey key, boolean current) {
    }

    /**
     * The digest finds the candidate; the salted hash confirms it in constant time and says whether
     * a previous secret still works (a previous secret past its grace is no longer a leak).
     */
    private Optional<Match> find(String secret, Instant now) {
        String lookup = ClientSecrets.lookupDigest(secret);
        if (lookup == null) {
            return Optional.empty();
        }
        for (ApiKey key : apiKeys.findBySecretLookup(lookup)) {
            String secretId = key.matchingSecretId(secret, now);
            if (secretId != null) {
                return Optional.of(new Match(key, key.isCurrentSecretId(secretId)));
            }
        }
        return Optional.empty();
    }

    /** Disabling voids the key's tokens; a new secret without grace voids them and the old secrets. */
    private Reported act(ApiKey key, Instant now) {
        SecretReportProperties.Action action = properties.action();
        if (action == SecretReportProperties.Action.DISABLE && !key.isEnabled()) {
            return new Reported(key, action, false);
        }
        int rows = switch (action) {
            case DISABLE -> apiKeys.update(key.clientId(), key.version(), key.name(), key.roleId(),
                    key.sessionValiditySeconds(), ApiKeyStatus.DISABLED, true, now);
            case REGENERATE -> {
                String replacement = secrets.newSecret();
                yield apiKeys.replaceSecret(key.clientId(), key.version(), secrets.hash(replacement),
                        ClientSecrets.lookupDigest(replacement), null, null, now);
            }
        };
        Versions.requireUpdated(rows, null);
        return new Reported(apiKeys.findByClientId(key.clientId()).orElseThrow(), action, true);
    }

    private static Map<String, Object> details(Reported reported, Match match, String reportedBy,
            @Nullable String type, @Nullable String url, @Nullable String source) {
        return AuditLog.details("action", reported.action().name().toLowerCase(Locale.ROOT), "changed", reported.changed(),
                "secret", match.current() ? "current" : "previous", "reportedBy", reportedBy,
                "type", truncate(type), "url", truncate(url), "source", truncate(source));
    }

    private static @Nullable String truncate(@Nullable String value) {
        return value == null || value.length() <= MAX_DETAIL_LENGTH ? value : value.substring(0, MAX_DETAIL_LENGTH);
    }
}
