package dev.keymint.role;

import java.util.Set;
import java.util.stream.Collectors;

/** Read-only roles present in every customer, their permissions derived from the catalogue. */
public enum PredefinedRole {

    API_FULL_ACCESS("API Full Access", "Every permission in the catalogue"),
    API_READ_ONLY("API Read Only", "Every read permission in the catalogue");

    private final String roleName;
    private final String description;

    PredefinedRole(String roleName, String description) {
        this.roleName = roleName;
        this.description = description;
    }

    public String roleName() {
        return roleName;
    }

    public String description() {
        return description;
    }

    public Set<String> permissions(PermissionCatalogue catalogue) {
        return switch (this) {
            case API_FULL_ACCESS -> catalogue.all();
            case API_READ_ONLY -> catalogue.all().stream().filter(p -> p.endsWith(":read"))
                    .collect(Collectors.toUnmodifiableSet());
        };
    }
}
