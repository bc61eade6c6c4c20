package dev.keymint.token;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenIdsTest {

    static final Instant ISSUED = Instant.parse("2026-03-04T05:06:07.089Z");

    @Test
    void anIdIsAVersion7UuidOfTheRfc9562Variant() {
        UUID id = UUID.fromString(TokenIds.newId(ISSUED));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void anIdCarriesTheMillisecondItWasIssuedAt() {
        assertThat(TokenIds.issuedAt(TokenIds.newId(ISSUED))).isEqualTo(ISSUED);
        assertThat(TokenIds.issuedAt(TokenIds.newId(ISSUED.plusMillis(1)))).isEqualTo(ISSUED.plusMillis(1));
    }

    @Test
    void idsOfOneMillisecondAreStillUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TokenIds.newId(ISSUED));
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void anythingButAVersion7IdHasNoIssueInstant() {
        assertThat(TokenIds.issuedAt(UUID.randomUUID().toString())).isNull();
        assertThat(TokenIds.issuedAt("not-a-uuid")).isNull();
        assertThat(TokenIds.issuedAt("")).isNull();
        assertThat(TokenIds.issuedAt(null)).isNull();
    }
}
