package dev.keymint.admin;

import java.time.Clock;
import java.util.List;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.keymint.apikey.SecretReports;
import dev.keymint.lockout.LockoutService;
import dev.keymint.lockout.SourceLocks;
import dev.keymint.caller.Caller;

@RestController
@Tag(name = "API keys")
class SecretReportController {

    private final SecretReports reports;
    private final LockoutService lockout;
    private final Clock clock;

    SecretReportController(SecretReports reports, LockoutService lockout, Clock clock) {
        this.reports = reports;
        this.lockout = lockout;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/api-keys/secret-reports", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report a leaked secret: its key within your scope is disabled, or gets a new secret nobody "
            + "is shown, as configured (api-keys:write; the key's role is not needed)")
    SecretReportView report(@AuthenticationPrincipal Caller caller, @Valid @RequestBody SecretReportRequest request) {
        SecretReports.Reported reported = reports.reportByCaller(caller, request.secret());
        String clientId = reported.key().clientId();
        return SecretReportView.of(reported, ApiKeyView.of(reported.key(), clock.instant(),
                lockout.sourceLocks(List.of(clientId)).getOrDefault(clientId, SourceLocks.NONE)));
    }
}
