package dev.keymint.web;

import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A database that fails becomes a 503 that says what is down; a Galera node without quorum says so. */
class DependencyFailureFilterTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode answerWhenTheDatabaseThrows(java.sql.SQLException cause) throws Exception {
        DependencyFailureFilter filter = new DependencyFailureFilter(new WebProperties(DataSize.ofMegabytes(1),
                Duration.ofSeconds(5)));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("POST", "/oauth2/token"), response, (request, ignored) -> {
            // what JdbcTemplate makes of a plain SQLException it cannot classify
            throw new UncategorizedSQLException("PreparedStatementCallback", "SELECT 1", cause);
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        JsonNode body = JSON.readTree(response.getContentAsByteArray());
        assertThat(body.get("error").asString()).isEqualTo("temporarily_unavailable");
        return body;
    }

    @Test
    void aNodeOutsideThePrimaryComponentIsAnsweredAsALostQuorum() throws Exception {
        JsonNode body = answerWhenTheDatabaseThrows(new SQLNonTransientConnectionException(
                "WSREP has not yet prepared node for application use", "08S01", 1047));

        assertThat(body.get("error_description").asString()).contains("lost its quorum");
    }

    @Test
    void aWriteOrACausalReadTheClusterCannotServeIsA503NotA500() throws Exception {
        for (java.sql.SQLException cause : java.util.List.of(
                new java.sql.SQLException("Error while appending streaming replication fragment(provider status: "
                        + "Not connected to Primary Component)", "HY000", 1180),
                new java.sql.SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205))) {
            JsonNode body = answerWhenTheDatabaseThrows(cause);

            assertThat(body.get("error_description").asString())
                    .isEqualTo("keymint cannot reach its database right now; retry shortly.");
        }
    }

    @Test
    void anUnreachableDatabaseIsAnsweredAsSuch() throws Exception {
        JsonNode body = answerWhenTheDatabaseThrows(new SQLNonTransientConnectionException(
                "Socket fail to connect to host", "08000", -1));

        assertThat(body.get("error_description").asString())
                .isEqualTo("keymint cannot reach its database right now; retry shortly.");
    }
}
