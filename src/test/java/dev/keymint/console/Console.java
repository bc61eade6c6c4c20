package dev.keymint.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as a person uses it: fields found by their label, buttons by their text (or the
 * name a screen reader reads), messages by what they say. Inside an open window (a modal
 * dialog) everything is looked up in that window, as the page behind it cannot be used.
 */
final class Console {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ConsoleBrowser browser;
    private final ChromeDriver driver;
    private final String base;

    /** The console served at {@code base}: keymint itself, or a gateway in front of it. */
    Console(ConsoleBrowser browser, String base) {
        this.browser = browser;
        this.driver = browser.driver();
        this.base = base;
    }

    String base() {
        return base;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A fresh page: whatever session the tab had is gone, as after a reload. */
    void open() {
        driver.manage().window().setSize(ConsoleBrowser.LAPTOP);
        driver.get(base + "/");
        browser.allowClipboard(base);
        waitUntil(d -> !d.findElements(By.cssSelector("#sign-in-view:not([hidden]) form")).isEmpty(),
                "the sign-in form");
    }

    void signIn(String clientId, String secret) {
        open();
        submitSignIn(clientId, secret);
        waitForHeading("API Keys");
        waitForIdle();
    }

    void submitSignIn(String clientId, String secret) {
        type("Client ID", clientId);
        type("Client secret", secret);
        click("Sign in");
    }

    void go(String page) {
        driver.findElement(By.cssSelector("nav.nav")).findElement(By.linkText(page)).click();
        waitForHeading(page);
        waitForIdle();
    }

    void waitForHeading(String text) {
        waitUntil(d -> {
            List<WebElement> headings = d.findElements(By.cssSelector("main h1"));
            return !headings.isEmpty() && headings.getFirst().isDisplayed() && headings.getFirst().getText().equals(text);
        }, "the page " + text);
    }

    /** No list is loading. */
    void waitForIdle() {
        waitUntil(d -> d.findElements(By.cssSelector("[aria-busy=true]")).isEmpty(), "the page to finish loading");
    }

    // --- finding things --------------------------------------------------------------------------

    /** The open window, or the page when none is open. */
    SearchContext scope() {
        List<WebElement> dialogs = driver.findElements(By.cssSelector("dialog[open]"));
        return dialogs.isEmpty() ? driver : dialogs.getLast();
    }

    WebElement dialog() {
        return waitUntil(d -> {
            List<WebElement> dialogs = d.findElements(By.cssSelector("dialog[open]"));
            return dialogs.isEmpty() ? null : dialogs.getLast();
        }, "a window to open");
    }

    String dialogTitle() {
        return waitUntil(d -> dialog().findElement(By.tagName("h2")).getText(), "the window's title");
    }

    /** Waits for the window titled {@code title} to be the one open. */
    WebElement waitForDialog(String title) {
        return waitUntil(d -> dialogTitle().equals(title) ? dialog() : null, "the window " + title);
    }

    /**
     * Until no window is left in the page: closing one takes away its {@code open} at once, and
     * its {@code close} event, which removes it with whatever it showed (a secret), comes a task
     * later, which a loaded machine can make long enough for a test to look in between.
     */
    void waitForNoDialog() {
        waitUntil(d -> d.findElements(By.cssSelector("dialog")).isEmpty(), "the window to close and go");
    }

    /** The form control whose label reads exactly {@code label}. */
    WebElement field(String label) {
        return waitUntil(d -> {
            for (WebElement candidate : scope().findElements(By.xpath(".//label[normalize-space(.)=" + literal(label) + "]"))) {
                if (candidate.isDisplayed()) {
                    return d.findElement(By.id(candidate.getDomAttribute("for")));
                }
            }
            return null;
        }, "the field labelled " + label);
    }

    void type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        if ("number".equals(input.getDomAttribute("type"))) {
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        }
        input.sendKeys(text);
    }

    void choose(String label, String option) {
        new Select(field(label)).selectByVisibleText(option);
    }

    String chosen(String label) {
        return new Select(field(label)).getFirstSelectedOption().getText();
    }

    /** A visible button whose text, or accessible name, is {@code name}. */
    WebElement button(String name) {
        return button(scope(), name);
    }

    WebElement button(SearchContext within, String name) {
        return waitUntil(d -> within.findElements(By.xpath(".//button[normalize-space(.)=" + literal(name)
                + " or @aria-label=" + literal(name) + "] | .//summary[normalize-space(.)=" + literal(name) + "]"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null), "the button " + name);
    }

    boolean hasButton(SearchContext within, String name) {
        return within.findElements(By.xpath(".//button[normalize-space(.)=" + literal(name) + " or @aria-label="
                + literal(name) + "]")).stream().anyMatch(WebElement::isDisplayed);
    }

    void click(String name) {
        button(name).click();
    }

    /** The row of the table whose first cell (the name, less any badge) reads {@code name}. */
    WebElement row(String name) {
        return waitUntil(d -> d.findElements(rowNamed(name)).stream().findFirst().orElse(null), "the row of " + name);
    }

    boolean hasRow(String name) {
        return !driver.findElements(rowNamed(name)).isEmpty();
    }

    private static By rowNamed(String name) {
        return By.xpath("//main//table/tbody/tr[td[1][normalize-space(.)=" + literal(name) + " or .//span[normalize-space(.)="
                + literal(name) + "]]]");
    }

    /** The text of the row's cell under the column labelled {@code column}. */
    String cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-label=" + cssString(column) + "]")).getText();
    }

    /** Every value of one column of the table, top to bottom (read in one round trip: a page may have 500 rows). */
    @SuppressWarnings("unchecked")
    List<String> column(String column) {
        return (List<String>) driver.executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".map(cell => cell.innerText.trim())", "main table tbody td[data-label=" + cssString(column) + "]");
    }

    List<String> columnHeaders() {
        return driver.findElements(By.cssSelector("main table thead th")).stream().map(WebElement::getText)
                .map(text -> text.replaceAll("[▲▼↕]", "").trim()).toList();
    }

    /** Flips the enable/disable switch of the key in the row named {@code name}. */
    void toggle(String name) {
        row(name).findElement(By.cssSelector("[role=switch]")).click();
    }

    /** Picks an entry of the key's (or role's) Actions menu. */
    void action(String name, String entry) {
        openActions(name);
        menuItem(entry).click();
    }

    void openActions(String name) {
        button("Actions for " + name).click();
    }

    WebElement menuItem(String entry) {
        return waitUntil(d -> d.findElements(By.xpath("//ul[@role='menu' and not(@hidden)]//button[@role='menuitem' and "
                + "@aria-label=" + literal(entry) + "]")).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null), "the menu entry " + entry);
    }

    /** The value shown for {@code term} in a list of terms (the secret window, the signing key facts). */
    String definition(String term) {
        return waitUntil(d -> scope().findElement(By.xpath(".//dt[normalize-space(.)=" + literal(term)
                + "]/following-sibling::dd[1]//code")).getText(), "the value of " + term);
    }

    /** "301 API keys." above a list. */
    String listSummary() {
        waitForIdle();
        return driver.findElement(By.cssSelector("main .list-summary")).getText();
    }

    void waitForSummary(String expected) {
        waitUntil(d -> listSummary().equals(expected), "the list summary " + expected);
    }

    /** "1–20 of 301" under a list. */
    String pageRange() {
        waitForIdle();
        return driver.findElement(By.cssSelector("main .page-range")).getText();
    }

    /** The message the row shows under it (an action's error, or why an action is not allowed). */
    String rowMessage(WebElement row) {
        return waitUntil(d -> {
            WebElement next = row.findElement(By.xpath("following-sibling::tr[1]"));
            return next.getDomAttribute("class") != null && next.getDomAttribute("class").contains("row-message")
                    ? next.getText() : null;
        }, "a message under the row");
    }

    /** The text of the first visible error or note box in the open window or on the page. */
    String message() {
        return waitUntil(d -> scope().findElements(By.cssSelector(".alert.error, .alert.note")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).filter(text -> !text.isBlank())
                .findFirst().orElse(null), "a message");
    }

    String errorMessage() {
        return waitUntil(d -> scope().findElements(By.cssSelector(".alert.error")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).filter(text -> !text.isBlank())
                .findFirst().orElse(null), "an error message");
    }

    boolean showsError() {
        return driver.findElements(By.cssSelector(".alert.error")).stream().anyMatch(WebElement::isDisplayed);
    }

    /** The error shown under the field labelled {@code label}. */
    String fieldError(String label) {
        WebElement input = field(label);
        return waitUntil(d -> {
            WebElement error = d.findElement(By.id(input.getDomAttribute("id") + "-error"));
            return error.isDisplayed() ? error.getText() : null;
        }, "an error under " + label);
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String announcement() {
        return waitUntil(d -> {
            String text = d.findElement(By.id("announcer")).getDomProperty("textContent");
            return text == null || text.isBlank() ? null : text;
        }, "an announcement");
    }

    /** What the clipboard holds, as the page reads it. */
    String clipboard() {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, e => done('clipboard unreadable: ' + e));");
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** A PNG of the window, for the documentation and for a look at what a failing test saw. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T waitUntil(Function<WebDriver, T> condition, String what) {
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        wait.withMessage(() -> "waiting for " + what + "; the page reported " + browser.pageErrors() + " and shows:\n"
                + safePageText());
        return wait.until(d -> {
            T value = condition.apply(d);
            return value instanceof Boolean b && !b ? null : value;
        });
    }

    private String safePageText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** An XPath string literal of any text, quotes included. */
    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private static String cssString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
