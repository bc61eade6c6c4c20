package dev.keymint.admin;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
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

import dev.keymint.apikey.ApiKey;
import dev.keymint.apikey.ApiKeyChanges;
import dev.keymint.apikey.ApiKeyDraft;
import dev.keymint.apikey.ApiKeyQuery;
import dev.keymint.apikey.ApiKeyService;
import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.apikey.IssuedSecret;
import dev.keymint.caller.Caller;
import dev.keymint.common.InvalidInputException;
import dev.keymint.common.Page;
import dev.keymint.common.PageRequest;
import dev.keymint.lockout.LockoutService;
import dev.keymint.lockout.SourceLocks;

@RestController
@RequestMapping(path = "/api/v1/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API keys", description = "Create, list, edit, enable/disable, regenerate, unlock and delete API keys")
class ApiKeyController {

    private final ApiKeyService apiKeys;
    private final LockoutService lockout;
    private final Clock clock;

    ApiKeyController(ApiKeyService apiKeys, LockoutService lockout, Clock clock) {
        this.lockout = lockout;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a key; the answer holds its secret, shown this once (api-keys:write)")
    ResponseEntity<ApiKeyWithSecretView> create(@AuthenticationPrincipal Caller caller,
            @Valid @RequestBody CreateApiKeyRequest request) {
        IssuedSecret issued = apiKeys.create(caller, new ApiKeyDraft(request.name(), request.roleId(),
                request.sessionValiditySeconds(), request.microtenantId(), request.lifetimeDays(), request.enabled()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{clientId}")
                .buildAndExpand(issued.key().clientId()).toUri();
        return withSecret(ResponseEntity.created(location), issued);
    }

    @GetMapping
    @Operation(summary = "List keys with filters and pages (api-keys:read)")
    Page<ApiKeyView> list(@AuthenticationPrincipal Caller caller,
            @Parameter(description = "part of the name (any case) or of the client ID")
            @RequestParam(required = false) @Size(max = 128) @Nullable String search,
            @Parameter(description = "ENABLED or DISABLED") @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Size(max = 64) @Nullable String roleId,
            @RequestParam(required = false) @Size(max = 64) @Nullable String microtenantId,
            @RequestParam(required = false) @Nullable Boolean locked,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int pageSize,
            @Parameter(description = "comma-separated fields among name, clientId, status, sessionValiditySeconds, "
                    + "createdAt, updatedAt, lastUsedAt, expiresAt; '-' before a field sorts descending; default -createdAt")
            @RequestParam(required = false) @Size(max = 256) @Nullable String sort) {
        Page<ApiKey> keys = apiKeys.list(caller, new ApiKeyQuery(search, status(status), roleId, microtenantId, locked,
                sort, new PageRequest(page, pageSize)));
        Map<String, SourceLocks> sourceLocks = lockout.sourceLocks(keys.items().stream().map(ApiKey::clientId).toList());
        Instant now = clock.instant();
        return keys.map(key -> ApiKeyView.of(key, now, sourceLocks.getOrDefault(key.clientId(), SourceLocks.NONE)));
    }

    @GetMapping("/{clientId}")
    @Operation(summary = "One key, with its ETag (api-keys:read)")
    ResponseEntity<ApiKeyView> get(@AuthenticationPrincipal Caller caller, @PathVariable String clientId) {
        return withETag(apiKeys.get(caller, clientId));
    }

    @PatchMapping(path = "/{clientId}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Operation(summary = "Change name, role, session validity or enabled; honours If-Match (api-keys:write)")
    ResponseEntity<ApiKeyView> update(@AuthenticationPrincipal Caller caller, @PathVariable String clientId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateApiKeyRequest request) {
        return withETag(apiKeys.update(caller, clientId, new ApiKeyChanges(request.name(), request.roleId(),
                request.sessionValiditySeconds(), request.enabled()), ETags.ifMatch(ifMatch)));
    }

    @PostMapping("/{clientId}/secret")
    @Operation(summary = "Regenerate the secret, shown this once; the old one stops now or after graceSeconds (api-keys:write)")
    ResponseEntity<ApiKeyWithSecretView> regenerateSecret(@AuthenticationPrincipal Caller caller,
            @PathVariable String clientId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody(required = false) @Nullable RegenerateSecretRequest request) {
        IssuedSecret issued = apiKeys.regenerateSecret(caller, clientId,
                request == null ? null : request.graceSeconds(), ETags.ifMatch(ifMatch));
        return withSecret(ResponseEntity.ok(), issued);
    }

    @PostMapping("/{clientId}/unlock")
    @Operation(summary = "Clear the lock and the failed-attempt counter (api-keys:write)")
    ResponseEntity<ApiKeyView> unlock(@AuthenticationPrincipal Caller caller, @PathVariable String clientId) {
        return withETag(apiKeys.unlock(caller, clientId));
    }

    @DeleteMapping("/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete the key permanently; its tokens stop working (api-keys:write)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String clientId) {
        apiKeys.delete(caller, clientId);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private ApiKeyView view(ApiKey key) {
        return ApiKeyView.of(key, clock.instant(),
                lockout.sourceLocks(List.of(key.clientId())).getOrDefault(key.clientId(), SourceLocks.NONE));
    }

    private ResponseEntity<ApiKeyView> withETag(ApiKey key) {
        return ResponseEntity.ok().eTag(ETags.of(key.version())).body(view(key));
    }

    private ResponseEntity<ApiKeyWithSecretView> withSecret(ResponseEntity.BodyBuilder response, IssuedSecret issued) {
        return response.eTag(ETags.of(issued.key().version()))
                .cacheControl(CacheControl.noStore())
                .body(new ApiKeyWithSecretView(view(issued.key()), issued.secret(), issued.previousSecretExpiresAt()));
    }

    private static @Nullable ApiKeyStatus status(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return ApiKeyStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be ENABLED or DISABLED");
        }
    }
}
