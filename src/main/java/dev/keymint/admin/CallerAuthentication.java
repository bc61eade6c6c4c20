package dev.keymint.admin;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.keymint.tenant.Caller;

/** An authenticated administrator: its scope as the principal, its permissions as authorities. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Jwt jwt;

    CallerAuthentication(Caller caller, Collection<String> permissions, Jwt jwt) {
        super(permissions.stream().map(SimpleGrantedAuthority::new).toList());
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

    static List<String> permissionsOf(Object claim) {
        if (claim instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
