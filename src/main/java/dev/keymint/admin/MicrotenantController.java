package dev.keymint.admin;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.keymint.caller.Caller;
import dev.keymint.common.Page;
import dev.keymint.common.PageRequest;
import dev.keymint.tenant.Microtenant;
import dev.keymint.tenant.MicrotenantService;

@RestController
@RequestMapping(path = "/api/v1/microtenants", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Microtenants", description = "Named partitions of the customer that keys may be confined to")
class MicrotenantController {

    private final MicrotenantService microtenants;

    MicrotenantController(MicrotenantService microtenants) {
        this.microtenants = microtenants;
    }

    @GetMapping
    @Operation(summary = "List microtenants; a caller confined to one sees only it (microtenants:read)")
    Page<MicrotenantView> list(@AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int pageSize) {
        return microtenants.list(caller, new PageRequest(page, pageSize)).map(MicrotenantView::of);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a microtenant (microtenants:write; not for a caller confined to a microtenant)")
    ResponseEntity<MicrotenantView> create(@AuthenticationPrincipal Caller caller,
            @Valid @RequestBody CreateMicrotenantRequest request) {
        Microtenant microtenant = microtenants.create(caller, request.name(), request.description());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(microtenant.id()).toUri();
        return ResponseEntity.created(location).eTag(ETags.of(microtenant.version())).body(MicrotenantView.of(microtenant));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One microtenant, with its ETag (microtenants:read)")
    ResponseEntity<MicrotenantView> get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return withETag(microtenants.get(caller, id));
    }

    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Operation(summary = "Rename or describe a microtenant; honours If-Match (microtenants:write)")
    ResponseEntity<MicrotenantView> update(@AuthenticationPrincipal Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateMicrotenantRequest request) {
        return withETag(microtenants.update(caller, id, request.name(), request.description(), ETags.ifMatch(ifMatch)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a microtenant that holds no key (microtenants:write; not for a caller confined to a microtenant)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        microtenants.delete(caller, id);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private static ResponseEntity<MicrotenantView> withETag(Microtenant microtenant) {
        return ResponseEntity.ok().eTag(ETags.of(microtenant.version())).body(MicrotenantView.of(microtenant));
    }
}
