package dev.keymint.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * 400 for a request Spring Security's firewall rejects (such as an encoded path traversal), in
 * the shape of the endpoint that was asked. The firewall runs before any filter chain is chosen,
 * so this one handler serves every path; the detail is fixed text, nothing of the URL is echoed.
 */
@Component
class RequestRejectedProblemHandler implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
            throws IOException {
        ErrorResponses.write(request, response, ProblemType.INVALID_REQUEST, "invalid_request",
                "The request URL is malformed or not normalized (for example an encoded '/', '..' or ';').");
    }
}
