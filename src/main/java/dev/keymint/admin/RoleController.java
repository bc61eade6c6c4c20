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
import dev.keymint.role.Role;
import dev.keymint.role.RoleService;

@RestController
@RequestMapping(path = "/api/v1/roles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Roles", description = "Predefined (read-only) and custom roles: named sets of permissions")
class RoleController {

    private final RoleService roles;

    RoleController(RoleService roles) {
        this.roles = roles;
    }

    @GetMapping
    @Operation(summary = "List the customer's roles, predefined first (roles:read)")
    Page<RoleView> list(@AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int pageSize) {
        return roles.list(caller, new PageRequest(page, pageSize)).map(RoleView::of);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a custom role; every permission must be in the catalogue (roles:write)")
    ResponseEntity<RoleView> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody CreateRoleRequest request) {
        Role role = roles.create(caller, request.name(), request.description(), request.permissions());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(role.id()).toUri();
        return ResponseEntity.created(location).eTag(ETags.of(role.version())).body(RoleView.of(role));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One role, with its ETag (roles:read)")
    ResponseEntity<RoleView> get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return withETag(roles.get(caller, id));
    }

    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Operation(summary = "Change a custom role; new permissions apply to the next token of every key holding it (roles:write)")
    ResponseEntity<RoleView> update(@AuthenticationPrincipal Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateRoleRequest request) {
        return withETag(roles.update(caller, id, request.name(), request.description(), request.permissions(),
                ETags.ifMatch(ifMatch)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a custom role that no key holds (roles:write)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        roles.delete(caller, id);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private static ResponseEntity<RoleView> withETag(Role role) {
        return ResponseEntity.ok().eTag(ETags.of(role.version())).body(RoleView.of(role));
    }
}
