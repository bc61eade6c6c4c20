package dev.keymint.console;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and out of the console in a real browser, and what happens when the session ends. */
class ConsoleSignInTest extends ConsoleTestBase {

    @Test
    void theBootstrapKeySignsInFromTheRootUrlAndTheTokenStaysInMemory() {
        console.driver().get(console.base() + "/");
        console.waitUntil(d -> d.getCurrentUrl().endsWith("/console/"), "the redirect to the console");

        console.submitSignIn(BOOTSTRAP_ID, BOOTSTRAP_SECRET);

        console.waitForHeading("API Keys");
        assertThat(console.driver().findElement(By.id("identity")).getText()).contains(BOOTSTRAP_ID);
        assertThat(console.driver().getCurrentUrl()).endsWith("/console/#/api-keys");
        assertThat(console.driver().manage().getCookies()).isEmpty();
        String stored = (String) console.script("return JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage})"
                + " + document.cookie + document.documentElement.outerHTML");
        assertThat(stored).doesNotContain("eyJ").doesNotContain(BOOTSTRAP_SECRET);

        console.click("Sign out");

        assertThat(console.field("Client ID").isDisplayed()).isTrue();
        assertThat(console.message()).contains("You are signed out.");
        console.driver().navigate().refresh();
        console.field("Client ID");
        assertThat(console.driver().findElement(By.id("shell")).isDisplayed()).as("a reload keeps no session").isFalse();
    }

    @Test
    void aWrongSecretShowsWhatKeymintSaid() {
        console.open();

        console.submitSignIn(BOOTSTRAP_ID, "kms_not_the_secret");

        assertThat(console.errorMessage()).contains("Client authentication failed.");
        assertThat(console.field("Client secret").getDomProperty("value")).isEmpty();
    }

    @Test
    void emptyFieldsAreMarkedBeforeAnythingIsSent() {
        console.open();

        console.click("Sign in");

        assertThat(console.fieldError("Client ID")).contains("Enter the client ID");
        assertThat(console.fieldError("Client secret")).contains("Enter the key's secret");
    }

    @Test
    void aLockedKeyIsRefusedWithTheTimeItCanTryAgain() {
        Key key = keys.newKey(List.of("api-keys:read"));
        console.open();
        for (int attempt = 1; attempt <= 3; attempt++) {
            console.submitSignIn(key.clientId(), "kms_wrong_" + attempt);
            console.waitUntil(d -> keys.failedAttempts(key.clientId()) > 0 || keys.lockedUntil(key.clientId()) != null,
                    "the failed attempt to count");
        }

        console.submitSignIn(key.clientId(), key.secret());

        console.waitUntil(d -> console.errorMessage().contains("locked"), "the lock message");
        assertThat(console.errorMessage()).contains("The client is locked after too many failed authentication attempts")
                .contains("You can try again in");
    }

    @Test
    void anExpiredSessionAsksForTheSecretAgainAndCarriesOn() {
        Key key = keys.key(keys.installationCustomerId(), roleNamed(keys.installationCustomerId(), "API Full Access"))
                .sessionValiditySeconds(4).create();
        console.signIn(key.clientId(), key.secret());

        console.waitForDialog("Sign in again");
        assertThat(console.dialog().getText()).contains("Your session ended at");
        assertThat(console.field("Client ID").getDomProperty("value")).isEqualTo(key.clientId());
        console.type("Client secret", key.secret());
        console.click("Sign in");

        console.waitForNoDialog();
        console.go("Roles");
        assertThat(console.column("Name")).anyMatch(name -> name.startsWith("API Full Access"));
    }

    @Test
    void aTokenKeymintNoLongerAcceptsAsksToSignInAgain() {
        Key key = keys.key(keys.installationCustomerId(), roleNamed(keys.installationCustomerId(), "API Full Access"))
                .create();
        console.signIn(key.clientId(), key.secret());
        keys.setStatus(key.clientId(), ApiKeyStatus.DISABLED);
        keys.jdbc().sql("UPDATE api_key SET tokens_valid_after = ? WHERE client_id = ?")
                .params(clock.millis() + 1000, key.clientId()).update();

        console.click("Refresh");

        console.waitForDialog("Sign in again");
        assertThat(console.dialog().getText()).contains("keymint no longer accepts your session's token");
        console.click("Go to the sign-in page");
        console.submitSignIn(key.clientId(), key.secret());
        assertThat(console.errorMessage()).contains("The client is disabled.");
    }
}
