package dev.keymint.admin;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.keymint.apikey.SecretReports;

/**
 * The key a reported secret belonged to, as it is now, and what the report did.
 *
 * @param action {@code disable} or {@code regenerate}, as configured
 * @param changed false when the key was disabled already
 */
record SecretReportView(String action, boolean changed, @JsonUnwrapped ApiKeyView key) {

    static SecretReportView of(SecretReports.Reported reported, ApiKeyView key) {
        return new SecretReportView(reported.action().name().toLowerCase(Locale.ROOT), reported.changed(), key);
    }
}
