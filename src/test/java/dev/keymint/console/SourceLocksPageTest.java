package dev.keymint.console;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.support.SourceHttp;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The locks of {@code keymint.lockout.scope=key-and-source} on the API Keys page: which sources a
 * key is locked for, and an unlock that opens the key for them again. The locks are made by wrong
 * secrets sent from real, distinct client addresses.
 */
@TestPropertySource(properties = "keymint.lockout.scope=key-and-source")
class SourceLocksPageTest extends ConsoleTestBase {

    static final int OWNER = 2;
    static final int ATTACKER = 3;
    static final int MAX_SOURCES = 10;

    @Test
    void aKeyLockedForAnAttackersSourceAndForUntrustedSourcesShowsBothAndAnUnlockOpensItForAll() {
        Tenant tenant = newTenant();
        Key key = keys.key(tenant.customerId(), roleNamed(tenant.customerId(), "API Read Only")).create();
        rename(key.clientId(), "Billing service");
        SourceHttp owner = SourceHttp.from(OWNER, port);
        SourceHttp attacker = SourceHttp.from(ATTACKER, port);
        assertThat(owner.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            attacker.token(key.clientId(), "kms_wrong_secret_" + i);
        }
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());

        String locked = console.cell(console.row("Billing service"), "Locked");
        assertThat(locked).startsWith("Locked for 127.0.0." + ATTACKER + " until").doesNotContain("untrusted");

        // the attacker's source and nine more make ten failing sources: every untrusted source is locked
        for (int lastOctet = 11; lastOctet < 11 + MAX_SOURCES - 1; lastOctet++) {
            SourceHttp.from(lastOctet, port).token(key.clientId(), "kms_wrong_secret");
        }
        console.click("Refresh");
        console.waitUntil(d -> console.cell(console.row("Billing service"), "Locked").contains("untrusted"),
                "the lock of the untrusted sources");
        assertThat(console.cell(console.row("Billing service"), "Locked").lines())
                .first().asString().startsWith("Locked for untrusted sources until");
        assertThat(console.cell(console.row("Billing service"), "Locked"))
                .contains("Locked for 127.0.0." + ATTACKER + " until");
        assertThat(SourceHttp.from(40, port).token(key.clientId(), key.secret()).status())
                .as("a source that never failed, and is not trusted").isEqualTo(401);
        assertThat(owner.token(key.clientId(), key.secret()).status()).as("the trusted owner").isEqualTo(200);

        console.click("Unlock Billing service");
        console.waitUntil(d -> console.cell(console.row("Billing service"), "Locked").equals("No"), "the unlock");
        assertThat(attacker.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(SourceHttp.from(40, port).token(key.clientId(), key.secret()).status()).isEqualTo(200);
    }
}
