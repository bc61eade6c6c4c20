package dev.keymint.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** @param microtenantId the caller's own microtenant, when its token confines it to one */
@JsonInclude(JsonInclude.Include.ALWAYS)
record CustomerView(String customerId, String name,
        @Schema(description = "the caller's microtenant, when its token is confined to one") String microtenantId) {
}
