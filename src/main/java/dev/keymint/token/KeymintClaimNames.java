package dev.keymint.token;

/**
 * The claims keymint writes into its access tokens beside the registered ones ({@code iss},
 * {@code sub}, {@code aud}, {@code iat}, {@code nbf}, {@code exp}, {@code jti}), and reads back
 * when a token comes in. docs/api.md describes them for resource servers.
 */
public final class KeymintClaimNames {

    /** The key's client ID (RFC 9068 §2.2). */
    public static final String CLIENT_ID = "client_id";
    /** The granted permissions, space-separated (RFC 9068 §2.2.3). */
    public static final String SCOPE = "scope";
    /** The name of the key's role. */
    public static final String ROLE = "role";
    public static final String ROLE_ID = "role_id";
    public static final String CUSTOMER_ID = "customer_id";
    /** Only in a token of a key inside a microtenant. */
    public static final String MICROTENANT_ID = "microtenant_id";
    /** The ID of the key's secret that obtained the token; the token counts only as long as it does. */
    public static final String SECRET_ID = "secret_id";

    private KeymintClaimNames() {
    }
}
