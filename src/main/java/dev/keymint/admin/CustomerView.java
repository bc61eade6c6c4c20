package dev.keymint.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

/** @param microtenantId the caller's own microtenant, when its token confines it to one */
@JsonInclude(JsonInclude.Include.ALWAYS)
record CustomerView(String customerId, String name,
        @Schema(description = "the caller's microtenant, when its token is confined to one")
        @Nullable String microtenantId) {
}
