package dev.keymint.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How keymint serves the console, over plain HTTP: where a browser lands, the headers that
 * confine the page, caching, and that nothing but reading is possible there.
 */
class ConsoleServingTest extends KeymintHttpTest {

    @Test
    void theRootAndTheBareConsolePathLeadToTheConsoleWhateverHostTheBrowserUsed() {
        for (String path : new String[] {"/", "/console"}) {
            Http.Response response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(302);
            assertThat(response.header("Location")).as(path).isEqualTo("/console/");
        }
    }

    @Test
    void theConsolePageIsConfinedToItsOwnOriginAndStartsNoSession() {
        Http.Response page = http.get("/console/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\"></script>");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'", "form-action 'none'", "base-uri 'none'", "require-trusted-types-for 'script'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(page.header("Set-Cookie")).isNull();
        assertThat(page.body()).as("no inline script, style or handler").doesNotContainPattern(
                "<script(?![^>]*\\ssrc=)|<style|\\sstyle=|\\son[a-z]+=");
    }

    @Test
    void filesAreRevalidatedAgainstAnETagOfTheirContent() throws Exception {
        Http.Response script = http.get("/console/js/main.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).matches("(text|application)/javascript.*");
        assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
        String etag = script.header("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

        HttpResponse<String> unchanged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(http.base() + "/console/js/main.js")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(http.get("/console/console.css").header("Content-Type")).startsWith("text/css");
        assertThat(http.get("/console/").header("ETag")).isNotNull().isNotEqualTo(etag);
    }

    @Test
    void everyModuleThePageImportsIsServed() {
        assertModuleServed("js/main.js", new java.util.HashSet<>());
    }

    private void assertModuleServed(String path, java.util.Set<String> seen) {
        if (!seen.add(path)) {
            return;
        }
        Http.Response module = http.get("/console/" + path);
        assertThat(module.status()).as(path).isEqualTo(200);
        Matcher imports = Pattern.compile("from '(\\./|\\.\\./)([^']+)'").matcher(module.body());
        String folder = path.substring(0, path.lastIndexOf('/') + 1);
        while (imports.find()) {
            String target = imports.group(1).equals("./") ? folder + imports.group(2)
                    : URI.create("/" + folder).resolve("../" + imports.group(2)).getPath().substring(1);
            assertModuleServed(target, seen);
        }
    }

    @Test
    void theConsoleCanOnlyBeRead() {
        assertThat(http.post("/console/", null, "application/x-www-form-urlencoded", "a=b".getBytes()).status())
                .isEqualTo(403);
        assertThat(http.get("/console/js/no-such-module.js").status()).isEqualTo(404);
        assertThat(http.get("/console/../application.yml").status()).isIn(400, 404);
        assertThat(http.get("/index.html").status()).as("nothing outside /console").isEqualTo(403);
    }
}
