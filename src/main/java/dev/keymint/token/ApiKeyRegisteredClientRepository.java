package dev.keymint.token;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

import dev.keymint.apikey.ApiKeyRepository;

/**
 * The authorization server's view of the API keys. Keys are created and changed through
 * keymint's own services, never through this interface.
 */
@Component
class ApiKeyRegisteredClientRepository implements RegisteredClientRepository {

    private final ApiKeyRepository apiKeys;
    private final ApiKeyClients clients;

    ApiKeyRegisteredClientRepository(ApiKeyRepository apiKeys, ApiKeyClients clients) {
        this.apiKeys = apiKeys;
        this.clients = clients;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("API keys are managed through the administration API");
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return apiKeys.findByClientId(clientId).map(clients::toRegisteredClient).orElse(null);
    }
}
