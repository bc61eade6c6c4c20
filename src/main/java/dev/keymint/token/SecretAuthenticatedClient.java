package dev.keymint.token;

import java.io.Serial;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A client authenticated by one of its key's secrets, and which one: the token it gets names that
 * secret ({@code secret_id}), so that the token ends with the secret (see
 * {@link ActiveAccessTokens}).
 */
final class SecretAuthenticatedClient extends OAuth2ClientAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String secretId;

    SecretAuthenticatedClient(RegisteredClient client, ClientAuthenticationMethod method, String secretId) {
        super(client, method, null);
        this.secretId = secretId;
    }

    String secretId() {
        return secretId;
    }
}
