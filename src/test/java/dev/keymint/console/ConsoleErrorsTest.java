package dev.keymint.console;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.keymint.db.EmbeddedMariaDbHandle;
import dev.keymint.support.AdminApi;
import dev.keymint.support.TestKeys.Key;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** What the console shows when keymint (or something in front of it) refuses: next to the cause, in words. */
class ConsoleErrorsTest extends ConsoleTestBase {

    static final String VALIDITY = "Session validity interval (seconds)";

    @Autowired
    EmbeddedMariaDbHandle database;

    @Test
    void anEditOfAKeyChangedMeanwhileIsRefusedWith412AndTheFormCanBeReloaded() {
        Tenant tenant = newTenant();
        Key key = keys.key(tenant.customerId(), roleNamed(tenant.customerId(), "API Read Only")).create();
        rename(key.clientId(), "Checkout");
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        console.action("Checkout", "Edit");
        console.waitUntil(d -> console.field("Name").getDomProperty("value").equals("Checkout"), "the key's values");

        AdminApi.as(http, tenant.admin().clientId(), tenant.admin().secret())
                .patch("/api/v1/api-keys/" + key.clientId(), "{\"name\":\"Checkout (renamed elsewhere)\"}");
        console.type("Name", "Checkout v2");
        console.click("Save changes");

        assertThat(console.errorMessage()).startsWith("Someone changed this after you opened it, so your change was not saved.");
        console.click("Reload current values");
        console.waitUntil(d -> console.field("Name").getDomProperty("value").equals("Checkout (renamed elsewhere)"),
                "the current values");
        assertThat(console.message()).contains("The form now shows the current values");
        console.type("Name", "Checkout v2");
        console.click("Save changes");
        console.waitForNoDialog();
        assertThat(console.row("Checkout v2")).isNotNull();
    }

    @Test
    void aNameAlreadyTakenIsRefusedWith409InTheWindowThatAskedForIt() {
        Tenant tenant = newTenant();
        rename(tenant.admin().clientId(), "Administrator");
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());

        console.click("Add API key");
        console.type("Name", "Administrator");
        console.choose("Role", "API Read Only");
        console.click("Add API key");

        assertThat(console.errorMessage()).startsWith("Duplicate name.").contains("already exists");
        assertThat(console.dialogTitle()).as("the window stays, with what was typed").isEqualTo("Add API key");
        assertThat(console.field("Name").getDomProperty("value")).isEqualTo("Administrator");
    }

    @Test
    void aValueOutOfRangeIsShownUnderItsField() {
        Tenant tenant = newTenant();
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());

        console.click("Add API key");
        console.type("Name", "Too long a session");
        console.choose("Role", "API Read Only");
        console.type(VALIDITY, "999999");
        console.click("Add API key");

        assertThat(console.fieldError(VALIDITY)).isEqualTo("must be between 2 and 86400");
        assertThat(console.errorMessage()).isEqualTo("Check this field.");
        assertThat(console.field(VALIDITY).getDomAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void aKeyDeletedMeanwhileIsNotFoundAndTheMessageSaysWhatToDo() {
        Tenant tenant = newTenant();
        Key key = keys.key(tenant.customerId(), roleNamed(tenant.customerId(), "API Read Only")).create();
        rename(key.clientId(), "Short-lived");
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        console.action("Short-lived", "Delete");
        console.waitForDialog("Delete “Short-lived”?");

        AdminApi.as(http, tenant.admin().clientId(), tenant.admin().secret()).delete("/api/v1/api-keys/" + key.clientId());
        console.click("Delete API key");

        assertThat(console.errorMessage()).startsWith("Not found.").endsWith("It may have been deleted meanwhile: refresh the list.");
    }

    @Test
    void aRoleThatAKeyTookMeanwhileIsRefusedWith409() {
        Tenant tenant = newTenant();
        String role = newRole(tenant.customerId(), "Soon in use", List.of("audit:read"));
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        console.go("Roles");
        console.click("Delete Soon in use");
        console.waitForDialog("Delete the role “Soon in use”?");

        keys.key(tenant.customerId(), role).create();
        console.click("Delete role");

        assertThat(console.errorMessage()).startsWith("In use.");
    }

    @Test
    void whileTheDatabaseIsDownTheConsoleSays503WithWhenToRetryAndThenRecovers() {
        Tenant tenant = newTenant();
        console.signIn(tenant.admin().clientId(), tenant.admin().secret());
        String listError;
        String signInError;
        try {
            database.db().stopQuietly();
            console.click("Refresh");
            listError = console.errorMessage();
            console.click("Sign out");
            console.submitSignIn(tenant.admin().clientId(), tenant.admin().secret());
            signInError = console.errorMessage();
        } finally {
            database.db().restart();
        }

        assertThat(listError).startsWith("keymint is temporarily unavailable. keymint cannot reach its database right now; "
                + "retry shortly. Try again in ").contains("seconds (at ");
        assertThat(signInError).startsWith("keymint cannot reach its database right now; retry shortly. You can try again in");
        // sign in again until keymint serves again, one attempt at a time (the form is busy during one)
        console.waitUntil(d -> {
            if (d.findElement(By.id("shell")).isDisplayed()) {
                return true;
            }
            WebElement signIn = d.findElement(By.cssSelector("#sign-in-view button[type=submit]"));
            if (signIn.isEnabled()) {
                WebElement secret = d.findElement(By.cssSelector("#sign-in-view input[type=password]"));
                secret.clear();
                secret.sendKeys(tenant.admin().secret());
                signIn.click();
            }
            return false;
        }, "keymint to serve again");
        console.waitForHeading("API Keys");
        console.waitForIdle();
        assertThat(console.listSummary()).isEqualTo("1 API key.");
    }

    @Test
    void aRateLimitingGatewayInFrontOfKeymintIsAnswered429WithWhenToRetry() {
        Tenant tenant = newTenant();
        WireMockServer gateway = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        gateway.start();
        try {
            gateway.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom("http://localhost:" + port)));
            gateway.stubFor(get(urlPathEqualTo("/api/v1/api-keys")).atPriority(1).willReturn(aResponse().withStatus(429)
                    .withHeader("Retry-After", "30").withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                            + "\"detail\":\"The gateway allows 100 requests a minute.\"}")));
            Console throughGateway = new Console(browser(), "http://localhost:" + gateway.port());
            throughGateway.signIn(tenant.admin().clientId(), tenant.admin().secret());

            assertThat(throughGateway.errorMessage()).startsWith(
                    "Too many requests. The gateway allows 100 requests a minute. Try again in 30 seconds (at ");

            gateway.resetAll();
            gateway.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom("http://localhost:" + port)));
            throughGateway.click("Try again");
            throughGateway.waitForSummary("1 API key.");
            assertThat(throughGateway.showsError()).isFalse();
        } finally {
            gateway.stop();
        }
    }
}
