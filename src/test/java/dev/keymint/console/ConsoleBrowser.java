package dev.keymint.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium driven through chromedriver, both the system's: nothing is downloaded.
 * Where they live is read from {@code KEYMINT_TEST_CHROMIUM} and {@code KEYMINT_TEST_CHROMEDRIVER}
 * (or the system properties of the same names in lower case, dots for underscores), by default
 * Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}. When either is missing the
 * test fails and says what to install: a browser test that quietly did not run would pass for
 * a console nobody checked.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Dimension LAPTOP = new Dimension(1366, 900);

    private final ChromeDriver driver;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static ConsoleBrowser start() {
        Path chromium = executable("KEYMINT_TEST_CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = executable("KEYMINT_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("keymint-console-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps", "--lang=en-US",
                "--window-size=" + LAPTOP.width + "," + LAPTOP.height, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new ConsoleBrowser(driver, profile);
    }

    private static Path executable(String variable, String fallback) {
        String configured = System.getProperty(variable.toLowerCase().replace('_', '.'), System.getenv(variable));
        Path path = Path.of(configured == null || configured.isBlank() ? fallback : configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("The console's browser tests need Chromium and its chromedriver, and "
                    + path + " is missing. Install both (on Debian: sudo apt-get install chromium chromium-driver), "
                    + "or set KEYMINT_TEST_CHROMIUM and KEYMINT_TEST_CHROMEDRIVER to where they are.");
        }
        return path;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Lets the page read the clipboard, so that a test can check what a copy button copied. */
    void allowClipboard(String origin) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /**
     * What the page reported as an error since the last call: an exception nobody caught, a
     * violation of the Content-Security-Policy, a module that did not load. Responses with an
     * error status are left out: the console asks for some of them on purpose.
     */
    List<String> pageErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource: the server responded with a status of"))
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
