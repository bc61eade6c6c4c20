package dev.keymint.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.keymint.audit.AuditEvent;
import dev.keymint.audit.AuditLog;
import dev.keymint.audit.AuditQuery;
import dev.keymint.caller.Caller;
import dev.keymint.common.InvalidInputException.FieldProblem;
import dev.keymint.common.InvalidInputException;
import dev.keymint.common.Page;
import dev.keymint.common.PageRequest;

@RestController
@Tag(name = "Audit", description = "Who did what, when")
class AuditEventController {

    // the four-digit years of ISO-8601: a wider instant is a typo or a probe, and the widest ones
    // do not fit the log's epoch milliseconds
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final String OUT_OF_RANGE = "must be between " + EARLIEST + " and " + LATEST;

    private final AuditLog auditLog;

    AuditEventController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping(path = "/api/v1/audit-events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Audit events, newest first (audit:read)")
    Page<AuditEvent> list(@AuthenticationPrincipal Caller caller,
            @Parameter(description = "an action such as api-key.deleted, or a target type such as api-key for all its actions")
            @RequestParam(required = false) @Size(max = 64) @Nullable String type,
            @Parameter(description = "client ID (or outside subject) that acted; 'keymint' for automatic locks")
            @RequestParam(required = false) @Size(max = 256) @Nullable String actor,
            @Parameter(description = "client ID or ID of the object acted on")
            @RequestParam(required = false) @Size(max = 256) @Nullable String target,
            @Parameter(description = "inclusive ISO-8601 instant, years 0000 to 9999")
            @RequestParam(required = false) @Nullable Instant from,
            @Parameter(description = "exclusive ISO-8601 instant, years 0000 to 9999")
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int pageSize) {
        List<FieldProblem> outOfRange = new ArrayList<>();
        if (from != null && !within(from)) {
            outOfRange.add(new FieldProblem("from", OUT_OF_RANGE));
        }
        if (to != null && !within(to)) {
            outOfRange.add(new FieldProblem("to", OUT_OF_RANGE));
        }
        if (!outOfRange.isEmpty()) {
            throw new InvalidInputException(outOfRange);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
        return auditLog.search(caller, new AuditQuery(type, actor, target, from, to, new PageRequest(page, pageSize)));
    }

    private static boolean within(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
