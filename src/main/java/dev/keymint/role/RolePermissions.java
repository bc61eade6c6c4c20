package dev.keymint.role;

import java.time.Duration;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * The permissions of a role at a given version. Every change of a role bumps its version, and
 * the key lookup reads the version with the key, so this cache is never stale: a new version is
 * a new entry, loaded once per instance.
 */
@Component
public class RolePermissions {

    private record RoleVersion(String roleId, long version) {
    }

    private final Cache<RoleVersion, Set<String>> cache = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final RoleRepository roles;

    RolePermissions(RoleRepository roles) {
        this.roles = roles;
    }

    public Set<String> of(String roleId, long version) {
        return cache.get(new RoleVersion(roleId, version), this::load);
    }

    private Set<String> load(RoleVersion role) {
        return Set.copyOf(roles.permissions(role.roleId()));
    }
}
