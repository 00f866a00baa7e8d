package io.varde.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void oneLinePerPeriodPassesAndTheNextSaysHowManyWereLeftOut() {
        LogThrottle throttle = new LogThrottle(Duration.ofSeconds(1));

        assertThat(throttle.pass(10_000)).isZero();
        assertThat(throttle.pass(10_100)).isEqualTo(-1);
        assertThat(throttle.pass(10_999)).isEqualTo(-1);
        assertThat(throttle.pass(11_000)).as("the next second, after two left out").isEqualTo(2);
        assertThat(throttle.pass(15_000)).isZero();
    }
}
