package dev.keymint.token;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client assertion ({@code private_key_jwt}, {@code client_secret_jwt}, RFC 7523) is refused
 * before anything looks at the client ID it names, with the same answer whatever that ID is:
 * keymint authenticates clients with {@code client_secret_basic} and {@code client_secret_post}
 * only. Spring's own assertion provider, which keymint does not register, looked the client up
 * first and told a known ID from an unknown one by its error description.
 */
class UnsupportedClientAuthenticationMethod implements AuthenticationConverter {

    static final String DESCRIPTION = "keymint authenticates clients with client_secret_basic (HTTP Basic) or "
            + "client_secret_post (client_id and client_secret form parameters) only; client assertions are not "
            + "supported.";

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE) != null) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, DESCRIPTION, null));
        }
        return null;
    }
}
