package dev.keymint.tenant;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.keymint.audit.AuditAction;
import dev.keymint.audit.AuditLog;
import dev.keymint.caller.Caller;
import dev.keymint.common.ConflictException;
import dev.keymint.common.ForbiddenException;
import dev.keymint.common.NotFoundException;
import dev.keymint.common.Page;
import dev.keymint.common.PageRequest;
import dev.keymint.common.Versions;

/**
 * Microtenants of the caller's customer. An administrator confined to a microtenant sees and may
 * rename only its own, and may neither create nor delete any.
 */
@Service
public class MicrotenantService {

    private static final String NOT_FOUND = "No microtenant with this ID exists.";

    private final MicrotenantRepository microtenants;
    private final AuditLog auditLog;
    private final Clock clock;

    public MicrotenantService(MicrotenantRepository microtenants, AuditLog auditLog, Clock clock) {
        this.microtenants = microtenants;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<Microtenant> list(Caller caller, PageRequest page) {
        return microtenants.page(caller.customerId(), caller.microtenantId(), page);
    }

    @Transactional(readOnly = true)
    public Microtenant get(Caller caller, String id) {
        return find(caller, id);
    }

    /** Whether the microtenant exists in the customer; for references from other objects. */
    public boolean exists(String customerId, String id) {
        return microtenants.exists(id, customerId);
    }

    @Transactional
    public Microtenant create(Caller caller, String name, String description) {
        if (caller.isMicrotenantScoped()) {
            throw new ForbiddenException("An administrator confined to a microtenant cannot create microtenants.");
        }
        String id = UUID.randomUUID().toString();
        try {
            microtenants.insert(id, caller.customerId(), name, description, clock.instant());
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        auditLog.record(caller, AuditAction.MICROTENANT_CREATED, id, id, AuditLog.details("name", name, "description", description));
        return find(caller, id);
    }

    @Transactional
    public Microtenant update(Caller caller, String id, String name, String description, Set<Long> expectedVersion) {
        Microtenant current = find(caller, id);
        Versions.check(expectedVersion, current.version());
        String newName = name == null ? current.name() : name;
        String newDescription = description == null ? current.description() : description;
        Map<String, Object> changes = AuditLog.changes("name", current.name(), newName,
                "description", current.description(), newDescription);
        if (changes.isEmpty()) {
            return current;
        }
        int rows;
        try {
            rows = microtenants.update(id, current.version(), newName, newDescription, clock.instant());
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        Versions.requireUpdated(rows, expectedVersion);
        auditLog.record(caller, AuditAction.MICROTENANT_UPDATED, id, id, changes);
        return find(caller, id);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        if (caller.isMicrotenantScoped()) {
            throw new ForbiddenException("An administrator confined to a microtenant cannot delete microtenants.");
        }
        Microtenant current = find(caller, id);
        if (current.keyCount() > 0) {
            throw inUse(current.keyCount());
        }
        try {
            microtenants.delete(id);
        } catch (DataIntegrityViolationException e) {
            // a key was added to it between the count and the delete
            throw inUse(1);
        }
        auditLog.record(caller, AuditAction.MICROTENANT_DELETED, id, id, AuditLog.details("name", current.name()));
    }

    private Microtenant find(Caller caller, String id) {
        if (caller.isMicrotenantScoped() && !caller.microtenantId().equals(id)) {
            throw new NotFoundException(NOT_FOUND);
        }
        return microtenants.find(id, caller.customerId()).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private static ConflictException duplicateName() {
        return new ConflictException(ConflictException.Reason.DUPLICATE,
                "A microtenant with this name already exists in the customer.");
    }

    private static ConflictException inUse(long keys) {
        return new ConflictException(ConflictException.Reason.IN_USE, "The microtenant still holds " + keys
                + " API key(s); move or delete them first.");
    }
}
