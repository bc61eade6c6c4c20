package dev.keymint.admin;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.keymint.caller.Caller;

/**
 * An authenticated administrator: its scope and permissions as the principal, the same permissions
 * as authorities, so that the endpoint rules and the services judge by one set.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Jwt jwt;

    CallerAuthentication(Caller caller, Jwt jwt) {
        super(caller.permissions().stream().map(SimpleGrantedAuthority::new).toList());
        this.caller = caller;
        this.jwt = jwt;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Jwt getCredentials() {
        return jwt;
    }

    @Override
    public String getName() {
        return caller.actor();
    }

    static Set<String> permissionsOf(Object claim) {
        if (claim instanceof String s) {
            return s.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(s.trim().split("\\s+")));
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }
}
