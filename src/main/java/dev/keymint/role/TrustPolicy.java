package dev.keymint.role;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.keymint.audit.AuditAction;
import dev.keymint.audit.AuditLog;
import dev.keymint.caller.Caller;
import dev.keymint.common.ConflictException;
import dev.keymint.common.ForbiddenException;
import dev.keymint.tenant.CustomerRepository;
import dev.keymint.tenant.InstallationRepository;

/**
 * The trust model of the administration API, in one place (see "Trust model: delegation ceiling"
 * in docs/security.md):
 * <ul>
 * <li>the <b>delegation ceiling</b>: a caller grants a role, assigns a role to a key, and acts on a
 * key only within the permissions it holds itself, so that no key can make itself or another key
 * stronger than it is;</li>
 * <li>the <b>bootstrap key</b> is taken away (deleted, disabled, demoted, its secret replaced)
 * only by itself;</li>
 * <li>a customer always keeps an enabled, customer-wide, unexpired <b>full-access key</b> (one
 * whose role holds every permission of the catalogue), exactly, under any concurrency.</li>
 * </ul>
 * The feature services ask here at the point where they know what an operation needs; isolation
 * (another customer's or microtenant's object is "not found") comes before, so that a refusal
 * never reveals that an object exists. Refusals of the first two kinds are recorded in the audit
 * log as denied. It lives with the roles because every rule is about what a role's permissions
 * allow; what it must know of keys it asks the {@link RoleHolders}, which the key package
 * implements, so that it depends on no feature above it.
 */
@Component
public class TrustPolicy {

    private static final String CEILING = "An administrator can grant only permissions it holds, assign only roles "
            + "whose permissions it holds, and act only on keys whose role's permissions it holds.";

    /** The full-access keys of a customer counted under its guard, before a change that could remove one. */
    public record FullAccessGuard(String customerId, int keysBefore) {
    }

    private final RoleHolders holders;
    private final InstallationRepository installation;
    private final CustomerRepository customers;
    private final PermissionCatalogue catalogue;
    private final AuditLog auditLog;
    private final Clock clock;

    public TrustPolicy(RoleHolders holders, InstallationRepository installation, CustomerRepository customers,
            PermissionCatalogue catalogue, AuditLog auditLog, Clock clock) {
        this.holders = holders;
        this.installation = installation;
        this.customers = customers;
        this.catalogue = catalogue;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * 403 (recorded as denied) unless the caller holds every one of {@code needed}.
     *
     * @param attempt what the caller tried, completing "You cannot ...", e.g. "delete this API key"
     */
    public void requireHeld(Caller caller, Collection<String> needed, String attempt, AuditAction action,
            String target, String microtenantId) {
        List<String> missing = needed.stream().filter(p -> !caller.permissions().contains(p)).distinct().sorted().toList();
        if (missing.isEmpty()) {
            return;
        }
        String detail = "You cannot " + attempt + ": that needs " + (missing.size() == 1 ? "the permission " : "the permissions ")
                + String.join(", ", missing) + ", which your access token does not hold. " + CEILING;
        auditLog.recordDenied(caller, action, target, microtenantId, detail);
        throw ForbiddenException.beyondHeldPermissions(detail, missing);
    }

    /**
     * 403 (recorded as denied) when {@code clientId} is the bootstrap key and the caller is not
     * that key itself.
     *
     * @param attempt completing "only the key itself may ...", e.g. "delete it"
     */
    public void protectBootstrapKey(Caller caller, String clientId, String attempt, AuditAction action,
            String microtenantId) {
        if (caller.isKey(clientId) || !installation.isBootstrapKey(clientId)) {
            return;
        }
        refuseForBootstrapKey(caller, attempt, action, clientId, microtenantId);
    }

    /**
     * 403 (recorded as denied) when the bootstrap key holds this role and the caller is not the
     * bootstrap key: taking permissions from its role would demote it.
     */
    public void protectBootstrapKeyRole(Caller caller, String roleId, AuditAction action) {
        String bootstrapKey = installation.bootstrapKey().filter(key -> holders.holdsRole(key, roleId)).orElse(null);
        if (bootstrapKey != null && !caller.isKey(bootstrapKey)) {
            refuseForBootstrapKey(caller, "take permissions from its role", action, roleId, null);
        }
    }

    /** After the bootstrap key deleted itself: no later key with the same client ID inherits the protection. */
    public void forgetBootstrapKey(String clientId) {
        installation.forgetBootstrapKey(clientId);
    }

    /**
     * Takes the customer's guard (a write to its row, held to the end of the transaction) and counts
     * its full-access keys. Every change that could remove a full-access key takes it first, so such
     * changes of one customer run one at a time, and each one's count after the change is exact.
     */
    public FullAccessGuard guardFullAccessKeys(String customerId) {
        customers.takeFullAccessGuard(customerId);
        return new FullAccessGuard(customerId, countFullAccessKeys(customerId));
    }

    /**
     * 409 when the change made since {@code guard} was taken left the customer without a
     * full-access key it had; the transaction then rolls back.
     *
     * @param change what was attempted, e.g. "Deleting this API key"
     */
    public void requireFullAccessKeyLeft(FullAccessGuard guard, String change) {
        if (guard.keysBefore() > 0 && countFullAccessKeys(guard.customerId()) == 0) {
            throw new ConflictException(ConflictException.Reason.LAST_FULL_ACCESS_KEY, change + " would leave the "
                    + "customer without an enabled API key outside any microtenant whose role holds every permission, "
                    + "and so without any key that can administer everything. Give another such key a role with "
                    + "every permission (such as API Full Access) first.");
        }
    }

    private void refuseForBootstrapKey(Caller caller, String attempt, AuditAction action, String target,
            String microtenantId) {
        String detail = "The bootstrap administrator key is protected: only the key itself may " + attempt + ".";
        auditLog.recordDenied(caller, action, target, microtenantId, detail);
        throw ForbiddenException.protectedKey(detail);
    }

    private int countFullAccessKeys(String customerId) {
        return holders.countFullAccessKeys(customerId, catalogue.all(), clock.instant());
    }
}
