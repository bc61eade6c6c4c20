package dev.keymint.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keymint.support.RunningKeymint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's first visit: keymint started the way an operator starts it, the console address
 * and the bootstrap key it prints, and a browser that opens the one and signs in with the other.
 */
class FirstVisitTest {

    @TempDir
    Path keysDir;

    @Test
    void theAddressAndTheKeyPrintedAtTheFirstStartLeadIntoTheConsole() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        RunningKeymint keymint;
        try {
            keymint = RunningKeymint.start(Map.of(
                    "keymint.embedded-database.database-name", "first_visit_" + UUID.randomUUID().toString().replace("-", ""),
                    "keymint.signing.keys-directory", keysDir.toString()));
        } finally {
            System.setOut(original);
        }
        String printed = output.toString(StandardCharsets.UTF_8);
        String address = group(printed, "Console: (http://\\S+)");
        String clientId = group(printed, "client ID:\\s+(\\S+)");
        String secret = group(printed, "client secret:\\s+(\\S+)");
        assertThat(address).isEqualTo("http://localhost:" + keymint.port() + "/console/");

        try (keymint; ConsoleBrowser browser = ConsoleBrowser.start()) {
            Console console = new Console(browser, "http://localhost:" + keymint.port());
            browser.driver().get(address);
            console.submitSignIn(clientId, secret);

            console.waitForHeading("API Keys");
            // the heading shows before the list has loaded
            console.waitForSummary("1 API key.");
            assertThat(console.column("Name")).containsExactly("Bootstrap administrator\nYou");
            assertThat(browser.pageErrors()).isEmpty();
        }
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
        return matcher.group(1);
    }
}
