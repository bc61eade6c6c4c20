package dev.keymint.token;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
 * Spring's converters take the first method they recognise and ignore the other; this one runs
 * first and refuses the request instead, so that a confused client learns of it.
 */
class SingleClientAuthenticationMethod implements AuthenticationConverter {

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (usedBasic(request) && request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "Use one client authentication method: HTTP Basic or client_secret in the form, not both.", null));
        }
        return null;
    }

    /** Whether the request carries HTTP Basic credentials (the scheme name is case-insensitive). */
    static boolean usedBasic(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5);
    }
}
