package dev.keymint.token;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one way keymint sets up a decoder of incoming JWTs, its own access tokens and those of
 * trusted outside issuers alike: the signature by one of {@code algorithms} against {@code keys},
 * an {@code exp} that must be present, and {@code exp} and {@code nbf} checked on keymint's clock
 * within the one clock skew ({@code keymint.token.clock-skew}), then the caller's own checks.
 */
public final class JwtDecoders {

    private JwtDecoders() {
    }

    public static NimbusJwtDecoder decoder(JWKSource<SecurityContext> keys, Collection<SignatureAlgorithm> algorithms,
            Duration clockSkew, Clock clock, List<OAuth2TokenValidator<Jwt>> checks) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithms(accepted -> accepted.addAll(algorithms))
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(timestamps);
        validators.addAll(checks);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }
}
