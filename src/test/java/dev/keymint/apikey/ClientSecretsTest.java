package dev.keymint.apikey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The format of client IDs and secrets, the secret's checksum, and the stored hash. */
class ClientSecretsTest {

    final ClientSecrets secrets = new ClientSecrets();

    @Test
    void aSecretIsThePrefixFortyThreeBase62CharactersAndASixCharacterChecksum() {
        String secret = secrets.newSecret();

        assertThat(secret).startsWith("kms_").hasSize(4 + 43 + 6);
        assertThat(Base62.isBase62(secret.substring(4))).isTrue();
        assertThat(ClientSecrets.looksGenerated(secret)).isTrue();
    }

    @Test
    void aClientIdIsThePrefixAndTwentyTwoBase62Characters() {
        String clientId = secrets.newClientId();

        assertThat(clientId).startsWith("kmc_").hasSize(4 + 22);
        assertThat(Base62.isBase62(clientId.substring(4))).isTrue();
        assertThat(secrets.newClientId()).isNotEqualTo(clientId);
    }

    @Test
    void theChecksumCatchesAnyChangedCharacter() {
        String secret = secrets.newSecret();
        for (int i = 4; i < secret.length(); i++) {
            char c = secret.charAt(i);
            String changed = secret.substring(0, i) + (c == 'a' ? 'b' : 'a') + secret.substring(i + 1);
            assertThat(ClientSecrets.looksGenerated(changed)).as("changed at %d", i).isFalse();
        }
    }

    @Test
    void somethingOfAnotherShapeDoesNotLookGenerated() {
        String secret = secrets.newSecret();

        assertThat(ClientSecrets.looksGenerated(null)).isFalse();
        assertThat(ClientSecrets.looksGenerated("")).isFalse();
        assertThat(ClientSecrets.looksGenerated(secret.substring(1))).isFalse();
        assertThat(ClientSecrets.looksGenerated("kmx_" + secret.substring(4))).isFalse();
        assertThat(ClientSecrets.looksGenerated(secret.substring(0, 10) + "-" + secret.substring(11))).isFalse();
        assertThat(ClientSecrets.looksGenerated("test-bootstrap-secret-0123456789abcdef")).isFalse();
    }

    @Test
    void theHashIsSaltedAndMatchesOnlyItsSecret() {
        String secret = secrets.newSecret();
        String hash = secrets.hash(secret);

        assertThat(hash).startsWith("s256$").doesNotContain(secret);
        assertThat(secrets.hash(secret)).as("a salt of its own").isNotEqualTo(hash);
        assertThat(ClientSecrets.matches(secret, hash)).isTrue();
        assertThat(ClientSecrets.matches(secrets.newSecret(), hash)).isFalse();
        assertThat(ClientSecrets.matches(secret + "x", hash)).isFalse();
    }

    @Test
    void aMalformedOrMissingHashMatchesNothing() {
        String secret = secrets.newSecret();

        assertThat(ClientSecrets.matches(secret, null)).isFalse();
        assertThat(ClientSecrets.matches(null, secrets.hash(secret))).isFalse();
        assertThat(ClientSecrets.matches(secret, "bcrypt$x$y")).isFalse();
        assertThat(ClientSecrets.matches(secret, "s256$only-two")).isFalse();
        assertThat(ClientSecrets.matchesUnknown(secret)).isFalse();
    }

    @Test
    void theIdOfAStoredSecretIsStableShortAndDifferentForEverySecret() {
        String hash = secrets.hash(secrets.newSecret());

        assertThat(ClientSecrets.idOf(hash)).isEqualTo(ClientSecrets.idOf(hash)).hasSize(16);
        assertThat(ClientSecrets.idOf(secrets.hash(secrets.newSecret()))).isNotEqualTo(ClientSecrets.idOf(hash));
        assertThat(hash).doesNotContain(ClientSecrets.idOf(hash));
    }
}
