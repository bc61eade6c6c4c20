package dev.keymint.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import dev.keymint.json.JsonWriter;

/**
 * RFC 6749 §5.2 error responses for client authentication at the token, introspection and
 * revocation endpoints: 401 for {@code invalid_client} with {@code WWW-Authenticate} when the
 * client used HTTP Basic (RFC 6749 requires it; Spring Authorization Server leaves it as a TODO),
 * {@code Retry-After} for a locked key, 400 for the rest; always JSON with a description.
 * Also the entry point for a request that brought no client credentials at all.
 */
class ClientAuthenticationErrorHandler implements AuthenticationFailureHandler, AuthenticationEntryPoint {

    private static final String BASIC_CHALLENGE = "Basic realm=\"keymint\", charset=\"UTF-8\"";

    private static final String JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth2
                ? oauth2.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, ApiKeyAuthenticationProvider.AUTHENTICATION_FAILED, null);
        if (exception instanceof ClientLockedException locked) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(locked.retryAfterSeconds()));
        }
        write(request, response, error);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        write(request, response, new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                "Client authentication is required: send the client ID and secret with HTTP Basic or as "
                        + "client_id and client_secret form parameters.", null));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error)
            throws IOException {
        boolean invalidClient = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode());
        if (invalidClient && SingleClientAuthenticationMethod.usedBasic(request)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        response.setStatus(invalidClient ? HttpStatus.UNAUTHORIZED.value() : HttpStatus.BAD_REQUEST.value());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        byte[] body = json(withDescription(error)).getBytes(StandardCharsets.UTF_8);
        response.setContentType(JSON_CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    // Written by hand rather than through a message converter: every rejected request at the
    // token endpoint comes here, and a brute-force flood must stay cheap. Same members and order
    // as Spring's OAuth2ErrorHttpMessageConverter.
    static String json(OAuth2Error error) {
        Map<String, String> body = new LinkedHashMap<>();
        if (error.getDescription() != null) {
            body.put("error_description", error.getDescription());
        }
        body.put("error", error.getErrorCode());
        if (error.getUri() != null) {
            body.put("error_uri", error.getUri());
        }
        return JsonWriter.write(body);
    }

    private static OAuth2Error withDescription(OAuth2Error error) {
        if (error.getDescription() != null) {
            return error;
        }
        String description = switch (error.getErrorCode()) {
            case OAuth2ErrorCodes.INVALID_CLIENT -> ApiKeyAuthenticationProvider.AUTHENTICATION_FAILED;
            case OAuth2ErrorCodes.INVALID_REQUEST -> "The client authentication is malformed: use one method "
                    + "(HTTP Basic with the form-urlencoded client ID and secret, or client_id and client_secret "
                    + "form parameters), once.";
            default -> error.getErrorCode();
        };
        return new OAuth2Error(error.getErrorCode(), description, error.getUri());
    }
}
