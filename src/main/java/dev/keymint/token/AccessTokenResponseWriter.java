package dev.keymint.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Writes the token response with {@code expires_in} = {@code exp - iat} of the token, exactly
 * the key's session validity interval. Spring's converter counts from the moment of writing and
 * so answers one second short.
 */
class AccessTokenResponseWriter implements AuthenticationSuccessHandler {

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2AccessToken token = ((OAuth2AccessTokenAuthenticationToken) authentication).getAccessToken();
        // token values are base64url and scopes are catalogue permissions: nothing needs escaping
        StringBuilder body = new StringBuilder(token.getTokenValue().length() + 256)
                .append("{\"access_token\":\"").append(token.getTokenValue())
                .append("\",\"token_type\":\"").append(token.getTokenType().getValue())
                .append("\",\"expires_in\":").append(expiresIn(token));
        if (!token.getScopes().isEmpty()) {
            body.append(",\"scope\":\"").append(String.join(" ", token.getScopes())).append('"');
        }
        body.append('}');
        write(response, body);
    }

    /** The token's own lifetime, {@code exp - iat}, in seconds. */
    static long expiresIn(OAuth2AccessToken token) {
        return ChronoUnit.SECONDS.between(token.getIssuedAt(), token.getExpiresAt());
    }

    /** A 200 with a JSON body that carries a token, which no cache may keep (RFC 6749 §5.1). */
    static void write(HttpServletResponse response, CharSequence json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
