package dev.keymint.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** The console with the keyboard alone: where the focus is, and what Tab, Enter, the arrows and Escape do. */
class KeyboardTest extends ConsoleTestBase {

    @Test
    void signInAddAKeyAndUseAMenuWithoutAMouse() {
        Tenant tenant = newTenant();
        rename(tenant.admin().clientId(), "Administrator");
        console.open();

        assertThat(focused().getDomAttribute("id")).isEqualTo(console.field("Client ID").getDomAttribute("id"));
        focused().sendKeys(tenant.admin().clientId(), Keys.TAB);
        focused().sendKeys(tenant.admin().secret(), Keys.ENTER);
        console.waitForHeading("API Keys");
        console.waitForIdle();
        assertThat(focused().getText()).as("the page's heading, for screen readers").isEqualTo("API Keys");

        focused().sendKeys(Keys.TAB);
        assertThat(focused().getText()).isEqualTo("Add API key");
        focused().sendKeys(Keys.ENTER);
        console.waitForDialog("Add API key");
        assertThat(focused().getDomAttribute("id")).isEqualTo(console.field("Name").getDomAttribute("id"));
        focused().sendKeys("Typed in");
        focused().sendKeys(Keys.ESCAPE);
        console.waitForNoDialog();
        assertThat(focused().getText()).as("back where it was").isEqualTo("Add API key");

        WebElement actions = console.button("Actions for Administrator");
        actions.sendKeys(Keys.ENTER);
        assertThat(focused().getDomAttribute("aria-label")).isEqualTo("Edit");
        focused().sendKeys(Keys.ARROW_DOWN);
        assertThat(focused().getDomAttribute("aria-label")).isEqualTo("Regenerate secret");
        focused().sendKeys(Keys.END);
        assertThat(focused().getDomAttribute("aria-label")).isEqualTo("Delete");
        focused().sendKeys(Keys.ESCAPE);
        assertThat(focused().getDomAttribute("aria-label")).isEqualTo("Actions for Administrator");
        assertThat(actions.getDomAttribute("aria-expanded")).isEqualTo("false");

        focused().sendKeys(Keys.ARROW_DOWN);
        focused().sendKeys(Keys.ENTER);
        console.waitForDialog("Edit “Administrator”");
        console.waitUntil(d -> console.field("Name").getDomProperty("value").equals("Administrator"), "the key's values");
        focused().sendKeys(" (keyboard)", Keys.ENTER);
        console.waitForNoDialog();
        console.row("Administrator (keyboard)");
    }

    private WebElement focused() {
        return console.driver().switchTo().activeElement();
    }
}
