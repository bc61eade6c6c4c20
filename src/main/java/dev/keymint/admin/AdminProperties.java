package dev.keymint.admin;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param trustedIssuers outside OpenID Connect / OAuth 2.0 issuers whose JWTs the administration API accepts
 */
@Validated
@ConfigurationProperties("keymint.admin")
public record AdminProperties(@NotNull @DefaultValue List<@Valid TrustedIssuer> trustedIssuers) {

    /**
     * @param issuer the exact {@code iss} of its tokens
     * @param jwkSetUri where its signing keys are published
     * @param audience the {@code aud} its tokens for keymint carry; required, so that a token the
     *        issuer made for another API is never accepted here
     * @param tokenTypes the JOSE {@code typ} values its tokens may have (case-insensitive, with or
     *        without {@code application/}); RFC 9068's {@code at+jwt} by default
     * @param customerIdClaim the claim that carries the keymint customer ID (required in every token)
     * @param microtenantIdClaim the claim that carries a microtenant ID, confining the caller to it
     * @param permissionsClaim the claim that carries keymint permissions: a space-separated string or a list
     * @param actorClaim the claim that names the caller in the audit log, after the issuer and a {@code #}
     */
    public record TrustedIssuer(
            @NotBlank String issuer,
            @NotNull URI jwkSetUri,
            @NotBlank(message = "is required: the audience (aud) that this issuer's tokens for keymint carry, "
                    + "for example keymint-admin") String audience,
            @NotEmpty @DefaultValue("at+jwt") List<@NotBlank String> tokenTypes,
            @NotBlank @DefaultValue("customer_id") String customerIdClaim,
            @NotBlank @DefaultValue("microtenant_id") String microtenantIdClaim,
            @NotBlank @DefaultValue("scope") String permissionsClaim,
            @NotBlank @DefaultValue("sub") String actorClaim) {
    }
}
