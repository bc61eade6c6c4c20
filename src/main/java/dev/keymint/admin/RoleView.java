package dev.keymint.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

import dev.keymint.role.Role;

@JsonInclude(JsonInclude.Include.ALWAYS)
record RoleView(String id, String name, @Nullable String description, boolean predefined, List<String> permissions,
        long keyCount, Instant createdAt, Instant updatedAt) {

    static RoleView of(Role role) {
        return new RoleView(role.id(), role.name(), role.description(), role.predefined(), role.permissions(),
                role.keyCount(), role.createdAt(), role.updatedAt());
    }
}
