package dev.keymint.admin;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of the administration API's input: characters that make a name lie or hide, names as
 * large as a request body may be, and instants at the ends of what {@link java.time.Instant} holds.
 */
class InputEdgesTest extends AdminTestBase {

    /** Invisible characters that change what a name looks like or how it is shown. */
    static final int[] FORMAT_CHARACTERS = {0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A,
            0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0xFFF9, 0xE0001, 0xE0041};

    AdminApi admin;
    String roleId;

    @BeforeEach
    void setUp() {
        Tenant tenant = newTenant();
        admin = tenant.api();
        roleId = tenant.fullRoleId();
    }

    /** Every code point of Unicode category Cc: C0, DEL and C1. */
    static List<Integer> controlCharacters() {
        List<Integer> controls = new ArrayList<>();
        for (int c = 0; c <= 0x10FFFF; c++) {
            if (Character.getType(c) == Character.CONTROL) {
                controls.add(c);
            }
        }
        assertThat(controls).hasSize(65);
        return controls;
    }

    /** A JSON string literal of {@code text} with {@code c} in its middle, escaped as JSON allows. */
    static Raw nameWith(int c) {
        StringBuilder escaped = new StringBuilder();
        for (char unit : Character.toChars(c)) {
            escaped.append(String.format("\\u%04X", (int) unit));
        }
        return raw("\"ab" + escaped + "cd\"");
    }

    void assertNameRefused(Raw name, String expectedInMessage) {
        for (Http.Response response : List.of(
                admin.post("/api/v1/api-keys", json("name", name, "roleId", roleId)),
                admin.post("/api/v1/roles", json("name", name, "permissions", raw("[]"))),
                admin.post("/api/v1/microtenants", json("name", name)),
                admin.patch("/api/v1/roles/" + roleId, json("name", name)))) {
            assertThat(errorFields(response)).as("name %s", name.json()).containsOnly("name");
            assertThat(response.json().get("errors").get(0).get("message").asString()).as("name %s", name.json())
                    .contains(expectedInMessage);
        }
    }

    @Test
    void aNameWithAnyOneControlCharacterIsA400ThatNamesIt() {
        for (int c : controlCharacters()) {
            assertNameRefused(nameWith(c), String.format("U+%04X", c));
        }
        assertThat(admin.get("/api/v1/api-keys").json().get("totalCount").asLong()).isEqualTo(1);
        assertThat(admin.get("/api/v1/microtenants").json().get("totalCount").asLong()).isZero();
    }

    @Test
    void aNameWithAnInvisibleFormatCharacterALineSeparatorOrALoneSurrogateIsA400() {
        for (int c : FORMAT_CHARACTERS) {
            assertNameRefused(nameWith(c), String.format("U+%04X", c));
        }
        for (int c : new int[] {0x2028, 0x2029, 0xD800, 0xDBFF, 0xDC00, 0xDFFF}) {
            assertNameRefused(nameWith(c), String.format("U+%04X", c));
        }
        assertThat(admin.get("/api/v1/microtenants").json().get("totalCount").asLong()).isZero();
    }

    @Test
    void aNameOfOnlyUnicodeSpacesIsBlank() {
        assertNameRefused(raw("\"\\u00A0\\u2003\\u3000 \""), "blank");
    }

    @Test
    void namesInAnyScriptWithSymbolsAndEmojiStayValid() {
        for (String name : List.of("Zahlungsdienst äöü ß", "決済サービス", "خدمة الدفع", "שירות תשלומים", "Ωμέγα",
                "billing 😀 🇨🇭", "a\u00A0b", "\uE000 private use")) {
            Http.Response created = admin.post("/api/v1/microtenants", json("name", name));
            assertThat(created.status()).as("%s: %s", name, created.body()).isEqualTo(201);
            assertThat(created.json().get("name").asString()).isEqualTo(name);
        }
    }

    @Test
    void aNameOfAMebibyteIsCheckedInLinearTime() {
        // a backtracking pattern needs minutes for this (quadratic in the length); the client gives up after 30 s
        String huge = "a".repeat(1_000_000);
        for (Raw name : List.of(raw("\"" + huge + "\\u0001\\u0001\""), raw("\"" + huge + "\\u0085\\u0085\""),
                raw("\"" + " ".repeat(1_000_000) + "\""))) {
            Http.Response response = admin.post("/api/v1/api-keys", json("name", name, "roleId", roleId));
            assertThat(errorFields(response)).contains("name");
        }
        assertThat(admin.get("/api/v1/api-keys").json().get("totalCount").asLong()).isEqualTo(1);
    }

    @Test
    void descriptionsKeepLineBreaksAndTabsButRefuseOtherControlsAndBidiOverrides() {
        String multiLine = "first line\nsecond line\r\n\tindented 👨\u200D👩\u200D👧";
        Http.Response created = admin.post("/api/v1/microtenants", json("name", "described",
                "description", raw("\"first line\\nsecond line\\r\\n\\tindented 👨\u200D👩\u200D👧\"")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("description").asString()).isEqualTo(multiLine);

        for (String bad : List.of("\\u0000", "\\u0007", "\\u001B[31m", "\\u007F", "\\u0085", "\\u009B", "\\u202E",
                "\\u2066", "\\u2028", "\\uD800")) {
            Raw description = raw("\"text " + bad + " more\"");
            assertThat(errorFields(admin.post("/api/v1/microtenants", json("name", uniqueName("mt"),
                    "description", description)))).as(bad).containsOnly("description");
            assertThat(errorFields(admin.post("/api/v1/roles", json("name", uniqueName("role"),
                    "description", description, "permissions", raw("[]"))))).as(bad).containsOnly("description");
            assertThat(errorFields(admin.patch("/api/v1/roles/" + roleId, json("description", description))))
                    .as(bad).containsOnly("description");
        }
    }

    @Test
    void auditInstantsBeyondWhatTheLogCanHoldAreA400NotA500() {
        // '+' is %2B in a query string (a plain '+' is a space there)
        for (String query : List.of("from=-999999999-01-01T00:00:00Z", "to=%2B999999999-12-31T23:59:59Z",
                "from=-1000000000-01-01T00:00:00Z", "to=%2B1000000000-12-31T23:59:59.999999999Z",
                "from=-292275055-05-16T16:47:04.192Z", "to=%2B292278994-08-17T07:12:55.807Z",
                "from=%2B10000-01-01T00:00:00Z", "to=-0001-12-31T23:59:59Z",
                "from=-999999999-01-01T00:00:00Z&to=%2B999999999-12-31T23:59:59Z")) {
            Http.Response response = admin.get("/api/v1/audit-events?" + query);
            assertThat(response.status()).as("%s: %s", query, response.body()).isEqualTo(400);
            assertProblem(response, 400);
            assertThat(response.json().get("errors").get(0).get("message").asString()).as(query)
                    .contains("0000-01-01T00:00:00Z").contains("9999-12-31T23:59:59.999Z");
        }
        for (String query : List.of("from=99999999999999999999", "to=+999999999-12-31T23:59:59Z",
                "from=2026-02-30T00:00:00Z", "to=2026-01-01T24:00:01Z", "from=" + "9".repeat(5000))) {
            Http.Response response = admin.get("/api/v1/audit-events?" + query);
            assertThat(errorFields(response)).as(query).containsOnly(query.substring(0, query.indexOf('=')));
        }
        for (String query : List.of("from=0000-01-01T00:00:00Z", "to=9999-12-31T23:59:59.999Z",
                "from=1970-01-01T00:00:00Z&to=2100-01-01T00:00:00Z", "from=1969-12-31T23:59:59.999Z")) {
            Http.Response response = admin.get("/api/v1/audit-events?" + query);
            assertThat(response.status()).as("%s: %s", query, response.body()).isEqualTo(200);
        }
    }
}
