package dev.keymint.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

import dev.keymint.tenant.Microtenant;

@JsonInclude(JsonInclude.Include.ALWAYS)
record MicrotenantView(String id, String name, @Nullable String description, long keyCount, Instant createdAt,
        Instant updatedAt) {

    static MicrotenantView of(Microtenant microtenant) {
        return new MicrotenantView(microtenant.id(), microtenant.name(), microtenant.description(),
                microtenant.keyCount(), microtenant.createdAt(), microtenant.updatedAt());
    }
}
