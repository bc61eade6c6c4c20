package dev.keymint.tenant;

/**
 * Who asks, and the scope of what they may see: one customer, and within it one microtenant when
 * {@code microtenantId} is set.
 *
 * @param actor what the audit log names as the actor: a client ID, or an outside issuer's subject
 */
public record Caller(String actor, String customerId, String microtenantId) {

    public boolean isMicrotenantScoped() {
        return microtenantId != null;
    }
}
