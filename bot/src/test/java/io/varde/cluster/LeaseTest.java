package io.varde.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTest {

    static final Instant SINCE = Instant.parse("2025-03-01T10:00:00Z");
    static final Instant EXPIRES = SINCE.plusSeconds(15);

    @Test
    void aLeaseIsValidUntilItsExpiryExclusive() {
        Lease lease = new Lease("n1", 3, SINCE, EXPIRES);
        assertThat(lease.validAt(SINCE)).isTrue();
        assertThat(lease.validAt(EXPIRES.minusNanos(1000))).isTrue();
        assertThat(lease.validAt(EXPIRES)).isFalse();
        assertThat(lease.validAt(EXPIRES.plusSeconds(1))).isFalse();
    }

    @Test
    void heldByNamesTheHolderOnly() {
        Lease lease = new Lease("n1", 3, SINCE, EXPIRES);
        assertThat(lease.heldBy("n1")).isTrue();
        assertThat(lease.heldBy("n2")).isFalse();
        assertThat(lease.heldBy("N1")).isFalse();
    }
}
