package dev.keymint.token;

import java.io.IOException;

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

import dev.keymint.web.ErrorResponses;

/**
 * RFC 6749 §5.2 error responses of the token, introspection and revocation endpoints, for client
 * authentication and for the requests themselves (written by {@code web.ErrorResponses}, as every
 * error body outside the controllers is): 401 for {@code invalid_client} with {@code WWW-Authenticate} when the
 * client used HTTP Basic (RFC 6749 requires it; Spring Authorization Server leaves it as a TODO),
 * {@code Retry-After} for a locked key, 400 for the rest; always JSON with a description.
 * Also the entry point for a request that brought no client credentials at all.
 */
class ClientAuthenticationErrorHandler implements AuthenticationFailureHandler, AuthenticationEntryPoint {

    private static final String BASIC_CHALLENGE = "Basic realm=\"keymint\", charset=\"UTF-8\"";

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
        ErrorResponses.oauth2Error(response,
                invalidClient ? HttpStatus.UNAUTHORIZED.value() : HttpStatus.BAD_REQUEST.value(), withDescription(error));
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
