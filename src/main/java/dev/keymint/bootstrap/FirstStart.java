package dev.keymint.bootstrap;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.keymint.apikey.ApiKeyProperties;
import dev.keymint.apikey.ApiKeyRepository;
import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.apikey.ClientSecrets;
import dev.keymint.apikey.NewApiKey;
import dev.keymint.role.PredefinedRoles;
import dev.keymint.tenant.Customer;
import dev.keymint.tenant.CustomerRepository;
import dev.keymint.tenant.InstallationRepository;

/**
 * On an empty database: the customer, its predefined roles and the bootstrap administrator key
 * (recorded as such in the {@code installation} row, so that only it may take itself away), in one
 * transaction. The {@code installation} row makes it happen once even when several
 * instances start together: the first insert wins, the others wait on its row lock and then see
 * it. On every start the predefined roles are brought in line with the permission catalogue.
 */
@Component
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final InstallationRepository installation;
    private final TransactionTemplate transactions;
    private final CustomerRepository customers;
    private final PredefinedRoles predefinedRoles;
    private final ApiKeyRepository apiKeys;
    private final ClientSecrets secrets;
    private final BootstrapProperties bootstrap;
    private final ApiKeyProperties apiKeyProperties;
    private final Clock clock;
    private final PrintStream console;

    FirstStart(InstallationRepository installation, TransactionTemplate transactions, CustomerRepository customers,
            PredefinedRoles predefinedRoles, ApiKeyRepository apiKeys, ClientSecrets secrets,
            BootstrapProperties bootstrap, ApiKeyProperties apiKeyProperties, Clock clock) {
        this.installation = installation;
        this.transactions = transactions;
        this.customers = customers;
        this.predefinedRoles = predefinedRoles;
        this.apiKeys = apiKeys;
        this.secrets = secrets;
        this.bootstrap = bootstrap;
        this.apiKeyProperties = apiKeyProperties;
        this.clock = clock;
        this.console = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> initialize());
        customers.allIds().forEach(predefinedRoles::synchronize);
    }

    private void initialize() {
        Instant now = clock.instant();
        String customerId = UUID.randomUUID().toString();
        if (!installation.claimFirstStart(customerId, now)) {
            return;
        }
        customers.insert(new Customer(customerId, bootstrap.customerName(), now));
        String fullAccessRoleId = predefinedRoles.synchronize(customerId);
        boolean generated = bootstrap.clientId() == null;
        String clientId = generated ? secrets.newClientId() : bootstrap.clientId();
        String secret = generated ? secrets.newSecret() : bootstrap.clientSecret();
        apiKeys.insert(new NewApiKey(clientId, customerId, null, fullAccessRoleId, "Bootstrap administrator",
                ApiKeyStatus.ENABLED, apiKeyProperties.defaultSessionValiditySeconds(), secrets.hash(secret),
                ClientSecrets.lookupDigest(secret), null, now, false, null));
        installation.recordBootstrapKey(clientId);
        log.info("First start: created customer {} with the predefined roles and bootstrap key {}", customerId, clientId);
        if (generated) {
            printOnce(customerId, clientId, secret);
        }
    }

    // Straight to the console, not through the logging system, so that no log file or shipper
    // ever holds the secret.
    private void printOnce(String customerId, String clientId, String secret) {
        console.println("""

                ==================== keymint bootstrap administrator key ====================
                 customer ID:   %s
                 client ID:     %s
                 client secret: %s
                 This secret is shown once and never again. Store it in a secret manager now.
                =============================================================================
                """.formatted(customerId, clientId, secret));
    }
}
