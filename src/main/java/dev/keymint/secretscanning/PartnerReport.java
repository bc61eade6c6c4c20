package dev.keymint.secretscanning;

import org.jspecify.annotations.Nullable;

/**
 * One match of a partner's report: {@code [{"token","type","url","source"}]} in GitHub's form.
 *
 * @param token the leaked secret
 * @param type the partner's name of the secret format
 * @param url where it was found
 * @param source what kind of place that is ({@code content}, {@code commit}, ...)
 */
record PartnerReport(String token, @Nullable String type, @Nullable String url, @Nullable String source) {

    /** Without the secret, should this object ever reach a log. */
    @Override
    public String toString() {
        return "PartnerReport[type=" + type + ", url=" + url + ", source=" + source + "]";
    }
}
