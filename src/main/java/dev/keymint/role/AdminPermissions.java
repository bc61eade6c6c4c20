package dev.keymint.role;

import java.util.List;

/**
 * The permissions the administration API checks, one per resource and access. The
 * {@link PermissionCatalogue} always holds them, whatever {@code keymint.permissions} adds, so
 * that every endpoint stays reachable by some role.
 */
public final class AdminPermissions {

    public static final String API_KEYS_READ = "api-keys:read";
    public static final String API_KEYS_WRITE = "api-keys:write";
    public static final String ROLES_READ = "roles:read";
    public static final String ROLES_WRITE = "roles:write";
    public static final String MICROTENANTS_READ = "microtenants:read";
    public static final String MICROTENANTS_WRITE = "microtenants:write";
    public static final String AUDIT_READ = "audit:read";

    /** In the order the catalogue lists them. */
    public static final List<String> ALL = List.of(API_KEYS_READ, API_KEYS_WRITE, ROLES_READ, ROLES_WRITE,
            MICROTENANTS_READ, MICROTENANTS_WRITE, AUDIT_READ);

    private AdminPermissions() {
    }
}
