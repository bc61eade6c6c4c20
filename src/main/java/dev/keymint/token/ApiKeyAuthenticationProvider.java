package dev.keymint.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import dev.keymint.apikey.ApiKey;
import dev.keymint.apikey.ApiKeyLookup;
import dev.keymint.apikey.ClientSecrets;
import dev.keymint.apikey.LastUsedRecorder;
import dev.keymint.lockout.LockoutService;
import dev.keymint.lockout.LockoutService.FailureOutcome;
import dev.keymint.lockout.SourceState;
import dev.keymint.token.ClientAuthenticationFailure.Reason;

/**
 * Authenticates an API key by client ID and secret ({@code client_secret_basic} and
 * {@code client_secret_post}) in place of Spring Authorization Server's
 * {@code ClientSecretAuthenticationProvider}, which has no lockout and re-encodes secrets.
 *
 * <p>One primary-key read decides (shared with requests that wait at the same moment, see
 * {@link ApiKeyLookup}); a write happens only to count a wrong secret or to reset a non-zero
 * counter. An unknown client ID costs what a wrong secret costs: one hash and the statements
 * that count a failure, which find no row. The order of checks is deliberate: a locked key (with
 * {@code scope=key-and-source}, a locked source) is refused before its secret is looked at, and
 * the reason a right secret is refused (disabled, expired) is told only to someone who proved they
 * hold it. A database failure propagates as itself, so that it becomes
 * a 503 and never counts as a failed attempt.
 *
 * <p>Deliberately not a bean: Spring Security would also register a lone provider bean in the
 * global authentication manager, the parent of the authorization server's, which then retries a
 * failed authentication and counts every wrong secret twice.
 */
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    static final int MAX_CLIENT_ID_LENGTH = 64;
    static final String AUTHENTICATION_FAILED = "Client authentication failed.";

    private final ApiKeyLookup apiKeys;
    private final ApiKeyClients clients;
    private final LockoutService lockout;
    private final LastUsedRecorder lastUsed;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiKeyAuthenticationProvider(ApiKeyLookup apiKeys, ApiKeyClients clients, LockoutService lockout,
            LastUsedRecorder lastUsed, ApplicationEventPublisher events, Clock clock) {
        this.apiKeys = apiKeys;
        this.clients = clients;
        this.lockout = lockout;
        this.lastUsed = lastUsed;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
        ClientAuthenticationMethod method = request.getClientAuthenticationMethod();
        if (!ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
                && !ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
            return null;
        }
        String clientId = String.valueOf(request.getPrincipal());
        String secret = request.getCredentials() instanceof String s ? s : null;
        Instant now = clock.instant();
        if (clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_LENGTH || secret == null || secret.isEmpty()) {
            throw failure(clientId, Reason.MALFORMED, now, AUTHENTICATION_FAILED);
        }
        // null with scope=key, which counts per key only and reads nothing of the request's source
        String source = lockout.sourceOf(remoteAddress(request));
        Optional<ApiKey> found = apiKeys.find(clientId);
        if (found.isEmpty()) {
            // the work of a wrong secret, so that the time of the answer does not tell the two apart
            ClientSecrets.matchesUnknown(secret);
            lockout.recordFailureOfUnknownClient(clientId, source);
            throw failure(clientId, Reason.UNKNOWN_CLIENT, now, AUTHENTICATION_FAILED);
        }
        ApiKey key = found.get();
        if (key.isLockedAt(now)) {
            lockout.publishRejectedWhileLocked(clientId);
            throw locked(clientId, key.lockedUntil(), now);
        }
        SourceState sourceState = lockout.sourceState(key, source);
        Instant sourceLockedUntil = sourceState == null ? null : sourceState.refusingLockAt(now);
        if (sourceLockedUntil != null) {
            lockout.publishRejectedWhileLocked(clientId);
            throw locked(clientId, sourceLockedUntil, now);
        }
        String secretId = key.matchingSecretId(secret, now);
        if (secretId == null) {
            FailureOutcome outcome = lockout.recordFailure(key, source);
            throw switch (outcome) {
                case FailureOutcome.Counted counted -> failure(clientId, Reason.BAD_SECRET, now, AUTHENTICATION_FAILED);
                case FailureOutcome.LockedNow lockedNow -> locked(clientId, lockedNow.lockedUntil(), now);
                case FailureOutcome.AlreadyLocked alreadyLocked -> locked(clientId, alreadyLocked.lockedUntil(), now);
            };
        }
        if (!key.isEnabled()) {
            throw failure(clientId, Reason.DISABLED, now, "The client is disabled.");
        }
        if (key.isExpiredAt(now) || key.tokenLifetimeSecondsAt(now) < 1) {
            throw failure(clientId, Reason.EXPIRED, now, "The client has expired.");
        }
        lockout.recordSuccess(key, source, sourceState);
        lastUsed.record(clientId, now);
        lastUsed.recordProvedSecret(key, secret, secretId);
        return new SecretAuthenticatedClient(clients.toRegisteredClient(key), method, secretId);
    }

    /** The client address the servlet container resolved (after {@code server.forward-headers-strategy}). */
    private static @Nullable String remoteAddress(Authentication request) {
        return request.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private OAuth2AuthenticationException locked(String clientId, Instant lockedUntil, Instant now) {
        events.publishEvent(new ClientAuthenticationFailure(clientId, Reason.LOCKED, now));
        // counted from the moment of answering, which may be a little after the lock was set
        return new ClientLockedException(lockedUntil, clock.instant());
    }

    private OAuth2AuthenticationException failure(String clientId, Reason reason, Instant now, String description) {
        events.publishEvent(new ClientAuthenticationFailure(clientId, reason, now));
        return new ClientRejectedException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
    }
}
