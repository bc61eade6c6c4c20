package dev.keymint.admin;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Strong entity tags from an object's {@code version}, and the versions an {@code If-Match}
 * header accepts (RFC 9110 §13.1.1: strong comparison, so a weak tag matches nothing).
 */
final class ETags {

    private ETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Null when the header is absent or {@code *} (the object exists, which the lookup checks). */
    static @Nullable Set<Long> ifMatch(@Nullable String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            String value = tag.strip();
            if (value.length() > 2 && value.startsWith("\"") && value.endsWith("\"")) {
                try {
                    versions.add(Long.parseLong(value.substring(1, value.length() - 1)));
                } catch (NumberFormatException e) {
                    // a tag this server never issued matches nothing
                }
            }
        }
        return versions;
    }
}
