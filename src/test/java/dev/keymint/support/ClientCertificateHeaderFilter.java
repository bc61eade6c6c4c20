package dev.keymint.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a servlet container does for a client that presented a certificate in the TLS handshake,
 * without TLS: the base64 DER certificate of the {@value #HEADER} header becomes the request's
 * {@code jakarta.servlet.request.X509Certificate} attribute. Lets tests send X.509 client
 * authentication (RFC 8705) over plain HTTP; inert without the header.
 */
public class ClientCertificateHeaderFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Test-Client-Certificate";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoded = request.getHeader(HEADER);
        if (encoded != null) {
            try {
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)));
                request.setAttribute("jakarta.servlet.request.X509Certificate", new X509Certificate[] {certificate});
            } catch (CertificateException e) {
                throw new ServletException(e);
            }
        }
        chain.doFilter(request, response);
    }
}
