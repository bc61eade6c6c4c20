package dev.keymint.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A dependency down anywhere in a request (the database, or a trusted issuer's JWK Set: see
 * {@link DependencyUnavailableException}), including inside the security filters where no
 * controller advice reaches, becomes 503 with {@code Retry-After}: the failure is keymint's, so
 * it must never look like the client's (401) nor like a bug (500).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DependencyFailureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DependencyFailureFilter.class);
    private static final String DATABASE_UNREACHABLE = "keymint cannot reach its database right now; retry shortly.";
    private static final String NO_QUORUM = "keymint's database cluster has lost its quorum (no Galera node it reaches "
            + "is in the primary component) and accepts no reads or writes; retry shortly.";
    /**
     * MariaDB's ER_UNKNOWN_COM_ERROR, which a Galera node outside the primary component answers to
     * every query on a table ("WSREP has not yet prepared node for application use").
     */
    private static final int WSREP_NOT_READY = 1047;
    /**
     * MariaDB errors that say the database cannot serve right now over a connection that works,
     * which the driver reports as plain {@link SQLException}s (SQLSTATE HY000) and Spring leaves
     * uncategorised: 1180 (ER_ERROR_DURING_COMMIT), a write a Galera node could not replicate
     * because it left the primary component; 1205 (ER_LOCK_WAIT_TIMEOUT), a lock wait, or a Galera
     * causal read ({@code wsrep_sync_wait}) that could not complete.
     */
    private static final Set<Integer> UNAVAILABLE_ERROR_CODES = Set.of(WSREP_NOT_READY, 1180, 1205);

    private final long retryAfterSeconds;

    DependencyFailureFilter(WebProperties properties) {
        this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!isDependencyFailure(e) || response.isCommitted()) {
                throw e;
            }
            String detail = unavailableDependency(e)
                    .map(DependencyUnavailableException::getMessage)
                    .orElseGet(() -> isOutsidePrimaryComponent(e) ? NO_QUORUM : DATABASE_UNREACHABLE);
            log.warn("Dependency unavailable while serving {} {}: {} ({})", request.getMethod(),
                    request.getRequestURI(), detail, rootMessage(e));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            ErrorResponses.write(request, response, ProblemType.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    detail);
        }
    }

    static boolean isDependencyFailure(Throwable e) {
        return cause(e, t -> t instanceof DependencyUnavailableException
                || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLException sql && UNAVAILABLE_ERROR_CODES.contains(sql.getErrorCode())).isPresent();
    }

    private static boolean isOutsidePrimaryComponent(Throwable e) {
        return cause(e, t -> t instanceof SQLException sql && sql.getErrorCode() == WSREP_NOT_READY).isPresent();
    }

    private static Optional<DependencyUnavailableException> unavailableDependency(Throwable e) {
        return cause(e, DependencyUnavailableException.class::isInstance).map(DependencyUnavailableException.class::cast);
    }

    private static Optional<Throwable> cause(Throwable e, Predicate<Throwable> matches) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (matches.test(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
