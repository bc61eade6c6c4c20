package dev.keymint.token;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import dev.keymint.apikey.ApiKey;
import dev.keymint.apikey.ApiKeyLookup;
import dev.keymint.apikey.ClientSecrets;
import dev.keymint.apikey.LastUsedRecorder;
import dev.keymint.lockout.LockoutService;
import dev.keymint.lockout.LockoutService.FailureOutcome;
import dev.keymint.support.ApiKeyRows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The order of the provider's checks, with the database's parts (the key read, the lockout's
 * statements, the last-use batch) replaced by fakes: a malformed request reads nothing, a locked
 * key is refused before its secret is looked at, a wrong secret counts before the key's state is
 * told, and only a caller who proved the secret learns that the key is disabled or expired.
 * What each of these does over HTTP and in the database is covered by the token endpoint's tests.
 */
class ApiKeyAuthenticationProviderTest {

    static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");
    static final ClientSecrets SECRETS = new ClientSecrets();
    static final String SECRET = SECRETS.newSecret();
    static final String HASH = SECRETS.hash(SECRET);

    ApiKeyLookup lookup = mock(ApiKeyLookup.class);
    ApiKeyClients clients = mock(ApiKeyClients.class);
    LockoutService lockout = mock(LockoutService.class);
    LastUsedRecorder lastUsed = mock(LastUsedRecorder.class);
    ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    ApiKeyAuthenticationProvider provider;

    @BeforeEach
    void setUp() {
        provider = new ApiKeyAuthenticationProvider(lookup, clients, lockout, lastUsed, events,
                Clock.fixed(NOW, ZoneOffset.UTC));
        when(clients.toRegisteredClient(any())).thenAnswer(call -> RegisteredClient.withId("id")
                .clientId(call.<ApiKey>getArgument(0).clientId())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .build());
    }

    static OAuth2ClientAuthenticationToken request(String clientId, String secret) {
        return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, secret,
                Map.of());
    }

    void keyIs(ApiKey key) {
        when(lookup.find(key.clientId())).thenReturn(Optional.of(key));
    }

    String refusal(String clientId, String secret) {
        return catchThrowableOfType(OAuth2AuthenticationException.class,
                () -> provider.authenticate(request(clientId, secret))).getError().getDescription();
    }

    @Test
    void aMalformedRequestIsRefusedBeforeAnyRead() {
        assertThat(refusal("k".repeat(65), SECRET)).isEqualTo(ApiKeyAuthenticationProvider.AUTHENTICATION_FAILED);
        assertThat(refusal("kmc_one", "")).isEqualTo(ApiKeyAuthenticationProvider.AUTHENTICATION_FAILED);

        verifyNoInteractions(lookup, lockout, lastUsed);
    }

    @Test
    void anUnknownClientCountsAsAWrongSecretWould() {
        when(lookup.find("kmc_nobody")).thenReturn(Optional.empty());

        assertThat(refusal("kmc_nobody", SECRET)).isEqualTo(ApiKeyAuthenticationProvider.AUTHENTICATION_FAILED);

        verify(lockout).recordFailureOfUnknownClient("kmc_nobody", null);
        verifyNoInteractions(lastUsed);
    }

    @Test
    void aLockedKeyIsRefusedBeforeItsSecretIsLookedAt() {
        keyIs(ApiKeyRows.key("kmc_locked").secretHash(HASH).lockedUntil(NOW.plusSeconds(60), 3).build());

        assertThat(refusal("kmc_locked", SECRET)).as("the right secret").contains("locked");
        assertThat(refusal("kmc_locked", "kms_wrong")).as("a wrong secret").contains("locked");

        verify(lockout, never()).recordFailure(any(), any());
        verify(lockout, never()).recordSuccess(any(), any(), any());
        verifyNoInteractions(lastUsed);
    }

    @Test
    void aWrongSecretCountsAndTellsNothingOfTheKeysState() {
        ApiKey disabled = ApiKeyRows.key("kmc_off").secretHash(HASH).disabled().build();
        keyIs(disabled);
        when(lockout.recordFailure(disabled, null)).thenReturn(new FailureOutcome.Counted());

        assertThat(refusal("kmc_off", "kms_wrong")).isEqualTo(ApiKeyAuthenticationProvider.AUTHENTICATION_FAILED);

        verify(lockout).recordFailure(disabled, null);
    }

    @Test
    void theFailureThatReachesTheLimitAnswersLocked() {
        ApiKey key = ApiKeyRows.key("kmc_third").secretHash(HASH).failedAttempts(2).build();
        keyIs(key);
        when(lockout.recordFailure(key, null)).thenReturn(new FailureOutcome.LockedNow(NOW.plusSeconds(1800)));

        OAuth2AuthenticationException refused = catchThrowableOfType(OAuth2AuthenticationException.class,
                () -> provider.authenticate(request("kmc_third", "kms_wrong")));

        assertThat(refused).isInstanceOf(ClientLockedException.class);
        assertThat(((ClientLockedException) refused).retryAfterSeconds()).isEqualTo(1800);
    }

    @Test
    void onlyTheHolderOfTheSecretLearnsThatTheKeyIsDisabledOrExpired() {
        keyIs(ApiKeyRows.key("kmc_off").secretHash(HASH).disabled().build());
        keyIs(ApiKeyRows.key("kmc_old").secretHash(HASH).expiresAt(NOW.minusSeconds(1)).build());

        assertThat(refusal("kmc_off", SECRET)).isEqualTo("The client is disabled.");
        assertThat(refusal("kmc_old", SECRET)).isEqualTo("The client has expired.");

        verify(lockout, never()).recordFailure(any(), any());
        verify(lockout, never()).recordSuccess(any(), any(), any());
        verifyNoInteractions(lastUsed);
    }

    @Test
    void theRightSecretResetsTheCounterThenRecordsTheUseThenAuthenticates() {
        ApiKey key = ApiKeyRows.key("kmc_good").secretHash(HASH).failedAttempts(1).build();
        keyIs(key);

        Authentication authenticated = provider.authenticate(request("kmc_good", SECRET));

        assertThat(authenticated).isInstanceOf(SecretAuthenticatedClient.class);
        assertThat(((SecretAuthenticatedClient) authenticated).secretId()).isEqualTo(ClientSecrets.idOf(HASH));
        InOrder order = inOrder(lookup, lockout, lastUsed, clients);
        order.verify(lookup).find("kmc_good");
        order.verify(lockout).recordSuccess(key, null, null);
        order.verify(lastUsed).record("kmc_good", NOW);
        order.verify(clients).toRegisteredClient(key);
    }

    @Test
    void otherAuthenticationMethodsAreLeftToOtherProviders() {
        OAuth2ClientAuthenticationToken assertion = new OAuth2ClientAuthenticationToken("kmc_one",
                ClientAuthenticationMethod.PRIVATE_KEY_JWT, "eyJ...", Map.of());

        assertThat(provider.authenticate(assertion)).isNull();
        verifyNoInteractions(lookup);
    }
}
