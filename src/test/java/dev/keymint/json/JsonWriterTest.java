package dev.keymint.json;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What the hand-written JSON holds, read back by a real JSON parser. */
class JsonWriterTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void keepsTheOrderOfTheMembers() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("z", 1);
        object.put("a", 2);
        object.put("m", 3);

        assertThat(JsonWriter.write(object)).isEqualTo("{\"z\":1,\"a\":2,\"m\":3}");
    }

    @Test
    void writesEveryKindOfValueAJwtOrAnErrorHolds() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("string", "text");
        object.put("int", 42);
        object.put("long", 9_007_199_254_740_993L);
        object.put("bool", false);
        object.put("null", null);
        object.put("instant", Instant.parse("2026-01-02T03:04:05.678Z"));
        object.put("date", Date.from(Instant.parse("2026-01-02T03:04:05.999Z")));
        object.put("uri", URI.create("https://keymint.example/a?b=c"));
        object.put("alg", SignatureAlgorithm.ES256);
        object.put("list", List.of("a", 1, true));
        object.put("map", Map.of("n", 1));

        JsonNode read = JSON.readTree(JsonWriter.write(object));

        assertThat(read.get("string").asString()).isEqualTo("text");
        assertThat(read.get("int").asInt()).isEqualTo(42);
        assertThat(read.get("long").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(read.get("bool").asBoolean()).isFalse();
        assertThat(read.get("null").isNull()).isTrue();
        assertThat(read.get("instant").asLong()).as("NumericDate: whole seconds").isEqualTo(1_767_323_045L);
        assertThat(read.get("date").asLong()).isEqualTo(1_767_323_045L);
        assertThat(read.get("uri").asString()).isEqualTo("https://keymint.example/a?b=c");
        assertThat(read.get("alg").asString()).isEqualTo("ES256");
        assertThat(read.get("list").get(2).asBoolean()).isTrue();
        assertThat(read.get("map").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void escapesWhatJsonRequiresAndKeepsTheRest() {
        String nasty = "quote \" backslash \\ slash / newline \n return \r tab \t nul \u0000 bell \u0007 "
                + "del \u007f line-separator \u2028 é ✓ 😀";

        String written = JsonWriter.write(Map.of(nasty, nasty));

        assertThat(written).doesNotContain("\n", "\r", "\t", "\u0000", "\u0007");
        JsonNode read = JSON.readTree(written);
        assertThat(read.get(nasty).asString()).isEqualTo(nasty);
    }
}
