package dev.keymint.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than {@code keymint.web.max-request-body} (1 MiB) with 413 before the
 * application sees any of it. A body whose size is announced ({@code Content-Length}) is judged
 * by that alone. A body sent without one (chunked) is read here up to the limit: a form through
 * Tomcat's own parameter parsing, whose limit is the same; anything else into memory, from where
 * the application then reads it. Without this, Tomcat would silently drop the parameters of an
 * oversized form (a confusing "missing parameter"), and a chunked JSON body would have no limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    RequestBodyLimitFilter(WebProperties properties) {
        this.maxBytes = properties.maxRequestBody().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long announced = request.getContentLengthLong();
        if (announced > maxBytes) {
            refuseTooLarge(request, response);
            return;
        }
        if (announced < 0 && request.getHeader("Transfer-Encoding") != null) {
            if (isForm(request)) {
                try {
                    request.getParameterMap();
                } catch (InvalidParameterException e) {
                    if (e.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
                        refuseTooLarge(request, response);
                    } else {
                        ErrorResponses.write(request, response, ProblemType.INVALID_REQUEST, "invalid_request",
                                "The form in the request body cannot be read.");
                    }
                    return;
                }
            } else {
                byte[] body = request.getInputStream().readNBytes((int) maxBytes + 1);
                if (body.length > maxBytes) {
                    refuseTooLarge(request, response);
                    return;
                }
                request = new BufferedBodyRequest(request, body);
            }
        }
        chain.doFilter(request, response);
    }

    private void refuseTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the rest of the body is not read: the connection cannot carry another request
        response.setHeader("Connection", "close");
        ErrorResponses.write(request, response, ProblemType.CONTENT_TOO_LARGE, "invalid_request",
                "The request body is larger than " + DataSize.ofBytes(maxBytes).toKilobytes()
                        + " KiB.");
    }

    private static boolean isForm(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
                MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
    }

    /** A request whose body was read ahead into memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }
    }
}
