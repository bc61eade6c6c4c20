package dev.keymint.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

/** The arithmetic of one budget, by time alone: bursts, refill, waits and what the headers say. */
class BudgetTest {

    static final long SECOND = 1_000_000;
    static final long T0 = 1_000_000 * SECOND;

    final Budget budget = new Budget("admin-reads", 20, Duration.ofSeconds(10));
    final AtomicLongArray state = new AtomicLongArray(2);

    @Test
    void aFullBudgetAllowsItsBurstThenOneUnitPerInterval() {
        for (int i = 0; i < 20; i++) {
            assertThat(budget.take(state, 0, T0)).as("request %d", i + 1).isZero();
        }
        assertThat(budget.take(state, 0, T0)).isEqualTo(SECOND / 2);
        assertThat(budget.take(state, 0, T0 + SECOND / 2 - 1)).isEqualTo(1);
        assertThat(budget.take(state, 0, T0 + SECOND / 2)).isZero();
        assertThat(budget.take(state, 0, T0 + SECOND / 2)).isEqualTo(SECOND / 2);
    }

    @Test
    void aRefusedRequestTakesNothing() {
        for (int i = 0; i < 20; i++) {
            budget.take(state, 0, T0);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(budget.take(state, 0, T0)).isEqualTo(SECOND / 2);
        }
        assertThat(budget.take(state, 0, T0 + SECOND / 2)).isZero();
    }

    @Test
    void waitForTellsWithoutTaking() {
        assertThat(budget.waitFor(state, 0, T0)).isZero();
        assertThat(budget.remaining(state, 0, T0)).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            budget.take(state, 0, T0);
        }
        assertThat(budget.waitFor(state, 0, T0)).isEqualTo(SECOND / 2);
        assertThat(budget.waitFor(state, 0, T0)).isEqualTo(SECOND / 2);
        assertThat(budget.remaining(state, 0, T0)).isZero();
    }

    @Test
    void remainingAndUntilFullFollowTheRefill() {
        budget.take(state, 0, T0);
        assertThat(budget.remaining(state, 0, T0)).isEqualTo(19);
        assertThat(budget.untilFull(state, 0, T0)).isEqualTo(SECOND / 2);
        for (int i = 0; i < 9; i++) {
            budget.take(state, 0, T0);
        }
        assertThat(budget.remaining(state, 0, T0 + 2 * SECOND)).isEqualTo(14);
        assertThat(budget.untilFull(state, 0, T0 + 10 * SECOND)).isZero();
        assertThat(budget.remaining(state, 0, T0 + 10 * SECOND)).isEqualTo(20);
    }

    @Test
    void aClockThatStepsBackBlocksNobody() {
        long anHourAhead = T0 + 3_600 * SECOND;
        for (int i = 0; i < 20; i++) {
            budget.take(state, 0, anHourAhead);
        }
        assertThat(budget.waitFor(state, 0, T0)).isZero();
        assertThat(budget.untilFull(state, 0, T0)).isZero();
        for (int i = 0; i < 20; i++) {
            assertThat(budget.take(state, 0, T0)).as("request %d", i + 1).isZero();
        }
        assertThat(budget.take(state, 0, T0)).isEqualTo(SECOND / 2);
    }

    @Test
    void slotsAreIndependent() {
        for (int i = 0; i < 20; i++) {
            budget.take(state, 0, T0);
        }
        assertThat(budget.take(state, 1, T0)).isZero();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
        assertThat(Budget.seconds(1)).isEqualTo(1);
        assertThat(Budget.seconds(SECOND)).isEqualTo(1);
        assertThat(Budget.seconds(SECOND + 1)).isEqualTo(2);
        assertThat(Budget.seconds(0)).isEqualTo(1);
    }

    @Test
    void thePolicyHeaderNamesTheLimit() {
        assertThat(budget.policyHeader()).isEqualTo("\"admin-reads\";q=20;w=10");
        assertThat(new Budget("token-failures", 20, Duration.ofMinutes(1)).policyHeader())
                .isEqualTo("\"token-failures\";q=20;w=60");
    }

    @Test
    void aLimitBeyondOnePerMicrosecondIsRefused() {
        assertThatThrownBy(() -> new Budget("x", 2_000_000, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
