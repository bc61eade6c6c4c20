package dev.keymint.role;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.keymint.KeymintProperties;

/**
 * Every permission a role may hold: the {@linkplain AdminPermissions administration API's own},
 * then those {@code keymint.permissions} adds (for the APIs the keys are for).
 */
@Component
public class PermissionCatalogue {

    private final Set<String> permissions;

    public PermissionCatalogue(KeymintProperties properties) {
        Set<String> all = new LinkedHashSet<>(AdminPermissions.ALL);
        all.addAll(properties.permissions());
        this.permissions = Collections.unmodifiableSet(all);
    }

    public Set<String> all() {
        return permissions;
    }

    public boolean contains(String permission) {
        return permissions.contains(permission);
    }

    /** The given permissions that the catalogue does not hold, in their order. */
    public List<String> unknown(Iterable<String> candidates) {
        List<String> unknown = new ArrayList<>();
        candidates.forEach(p -> {
            if (!permissions.contains(p)) {
                unknown.add(p);
            }
        });
        return unknown;
    }
}
