package dev.keymint.token;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;


/**
 * {@code POST /signin}: the sign-in of the ZPA API, for scripts and SDKs written against it
 * (docs/api.md, "ZPA-compatible sign-in"). A form with exactly {@code client_id} and
 * {@code client_secret}, no {@code grant_type}; the answer {@code {"token_type", "access_token",
 * "expires_in"}} with {@code expires_in} a JSON string, which is what ZPA answers and what its Go
 * SDK decodes (it fails on a number; the Python SDK reads only {@code access_token}).
 *
 * <p>Only the shape is ZPA's. The client is authenticated by the token endpoint's own provider
 * (same lockout, same failure counting and events, same metrics) and the token made by the token
 * endpoint's client-credentials provider and generator, with the role's every permission as its
 * scope, as a token request without {@code scope} gets: the same JWT as {@code /oauth2/token}.
 * Every refusal of the client, a locked key included, is the token endpoint's 401
 * {@code invalid_client}: never 429, 409 or 5xx, which ZPA's clients retry (the legacy Go client
 * up to 100 times), and a client retrying a wrong secret only keeps itself locked. Only an outage
 * of keymint's own is a 503, which they should retry.
 */
public final class SignInEndpointFilter extends OncePerRequestFilter {

    public static final String PATH = "/signin";

    private final AuthenticationProvider clientAuthentication;
    private final AuthenticationProvider clientCredentials;
    private final ClientAuthenticationErrorHandler errors;

    SignInEndpointFilter(AuthenticationProvider clientAuthentication, AuthenticationProvider clientCredentials,
            ClientAuthenticationErrorHandler errors) {
        this.clientAuthentication = clientAuthentication;
        this.clientCredentials = clientCredentials;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            OAuth2AccessToken token = signIn(request);
            write(response, token);
        } catch (OAuth2AuthenticationException e) {
            errors.onAuthenticationFailure(request, response, e);
        }
    }

    private OAuth2AccessToken signIn(HttpServletRequest request) {
        if (!MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType(request))) {
            throw invalidRequest("Send client_id and client_secret as form fields "
                    + "(Content-Type: application/x-www-form-urlencoded).");
        }
        if (inQueryString(request, OAuth2ParameterNames.CLIENT_ID)
                || inQueryString(request, OAuth2ParameterNames.CLIENT_SECRET)) {
            throw invalidRequest("Send client_id and client_secret in the request body, not in the URL, "
                    + "where they would be logged.");
        }
        String clientId = single(request, OAuth2ParameterNames.CLIENT_ID);
        String secret = single(request, OAuth2ParameterNames.CLIENT_SECRET);
        OAuth2ClientAuthenticationToken credentials = new OAuth2ClientAuthenticationToken(clientId,
                ClientAuthenticationMethod.CLIENT_SECRET_POST, secret, Map.of());
        credentials.setDetails(new WebAuthenticationDetails(request));
        OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) clientAuthentication
                .authenticate(credentials);
        Authentication issued = clientCredentials.authenticate(new OAuth2ClientCredentialsAuthenticationToken(client,
                client.getRegisteredClient().getScopes(), Map.of()));
        return ((OAuth2AccessTokenAuthenticationToken) issued).getAccessToken();
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? MediaType.ALL : MediaType.parseMediaType(request.getContentType());
        } catch (IllegalArgumentException e) {
            return MediaType.ALL;
        }
    }

    private static boolean inQueryString(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length != 1 || values[0].isEmpty()) {
            throw invalidRequest("The form needs exactly one non-empty " + name + " (and one client_secret "
                    + "with one client_id).");
        }
        return values[0];
    }

    private static OAuth2AuthenticationException invalidRequest(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
    }

    /** The token as ZPA answers it: {@code expires_in} a string of the token's {@code exp - iat}. */
    private static void write(HttpServletResponse response, OAuth2AccessToken token) throws IOException {
        // a JWT is base64url and dots: nothing to escape
        AccessTokenResponseWriter.write(response, "{\"token_type\":\"" + token.getTokenType().getValue()
                + "\",\"access_token\":\"" + token.getTokenValue()
                + "\",\"expires_in\":\"" + AccessTokenResponseWriter.expiresIn(token) + "\"}");
    }
}
