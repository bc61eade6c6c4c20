package dev.keymint.secretscanning;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.keymint.apikey.ClientSecrets;
import dev.keymint.common.InvalidInputException;
import dev.keymint.common.NotFoundException;
import dev.keymint.web.ErrorResponses;
import dev.keymint.web.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /secret-scanning/reports}: a secret-scanning partner reports keymint secrets it found
 * in public, as a JSON array of {@code {"token","type","url","source"}} (GitHub's form), signed when
 * {@code keymint.secret-reports.partner.public-keys-url} is set. Unauthenticated otherwise, and
 * rate-limited per source.
 *
 * <p>The answer never says whether anything matched: strings without a valid keymint checksum are
 * set aside at once (anyone can compute that), the rest are queued and acted on after the answer,
 * which is always 200 with an empty list of feedback ({@code []}: GitHub's optional
 * {@code token_raw}/{@code label} feedback would tell a true positive from a false one).
 */
@RestController
@Tag(name = "Secret scanning", description = "Reports of leaked secrets from secret-scanning partners")
public class PartnerReportController {

    public static final String PATH = "/secret-scanning/reports";
    static final String KEY_ID_HEADER = "GITHUB-PUBLIC-KEY-IDENTIFIER";
    static final String SIGNATURE_HEADER = "GITHUB-PUBLIC-KEY-SIGNATURE";
    private static final String NO_FEEDBACK = "[]";

    private final SecretScanningProperties properties;
    private final PartnerSignatures signatures;
    private final PartnerReportQueue queue;
    private final JsonMapper json;

    PartnerReportController(SecretScanningProperties properties, PartnerSignatures signatures,
            PartnerReportQueue queue, JsonMapper json) {
        this.properties = properties;
        this.signatures = signatures;
        this.queue = queue;
        this.json = json;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Report leaked secrets (unauthenticated unless signatures are configured; the answer is "
            + "the same whether or not anything matched)")
    ResponseEntity<?> report(@RequestHeader(name = KEY_ID_HEADER, required = false) @Nullable String keyId,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) @Nullable String signature,
            @RequestBody byte[] body) {
        if (!properties.enabled()) {
            throw new NotFoundException("This keymint takes no secret-scanning reports.");
        }
        if (signatures.required() && !signatures.verify(keyId, signature, body)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.parseMediaType(ErrorResponses.PROBLEM_JSON))
                    .body(ProblemType.UNAUTHORIZED.problem("The report must be signed by one of the partner's "
                            + "published keys: " + KEY_ID_HEADER + " names the key, " + SIGNATURE_HEADER
                            + " carries the base64 ECDSA P-256 SHA-256 signature of the body."));
        }
        for (PartnerReport report : parse(body)) {
            if (ClientSecrets.looksGenerated(report.token())) {
                queue.submit(report);
            }
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(NO_FEEDBACK);
    }

    private List<PartnerReport> parse(byte[] body) {
        JsonNode reports;
        try {
            reports = json.readTree(body);
        } catch (JacksonException e) {
            reports = null;
        }
        if (reports == null || !reports.isArray()) {
            throw notReports();
        }
        List<PartnerReport> parsed = new ArrayList<>(reports.size());
        for (JsonNode report : reports.values()) {
            if (!report.path("token").isString()) {
                throw notReports();
            }
            parsed.add(new PartnerReport(report.get("token").asString(), text(report, "type"), text(report, "url"),
                    text(report, "source")));
        }
        return parsed;
    }

    private static @Nullable String text(JsonNode report, String field) {
        JsonNode value = report.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static InvalidInputException notReports() {
        return new InvalidInputException("body", "must be a JSON array of objects, each with a string \"token\" "
                + "(and optionally \"type\", \"url\" and \"source\")");
    }
}
