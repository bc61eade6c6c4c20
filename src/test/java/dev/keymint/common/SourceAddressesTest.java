package dev.keymint.common;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Client addresses as sources of failures and requests: parsed without DNS, cut to the prefix, written one way. */
class SourceAddressesTest {

    static final SourceAddresses DEFAULTS = new SourceAddresses(32, 64);

    @Test
    void anIpv4AddressIsItsOwnSourceByDefaultAndItsNetworkWithAShorterPrefix() {
        assertThat(DEFAULTS.of("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(new SourceAddresses(24, 64).of("203.0.113.7")).isEqualTo("203.0.113.0/24");
        assertThat(new SourceAddresses(20, 64).of("203.0.127.7")).isEqualTo("203.0.112.0/20");
    }

    @Test
    void anIpv6AddressCountsAsItsSubnetByDefaultWrittenInFull() {
        assertThat(DEFAULTS.of("2001:db8:1:2::5")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(DEFAULTS.of("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(DEFAULTS.of("0:0:0:0:0:0:0:1")).as("Tomcat's loopback").isEqualTo("0:0:0:0:0:0:0:0/64");
        assertThat(new SourceAddresses(32, 128).of("::1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(new SourceAddresses(32, 20).of("2001:fdb8::")).isEqualTo("2001:f000:0:0:0:0:0:0/20");
    }

    @Test
    void bracketsZonesAndAnEmbeddedIpv4AddressAreUnderstood() {
        SourceAddresses exact = new SourceAddresses(32, 128);
        assertThat(exact.of("[2001:db8::1]")).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(exact.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:1");
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Address() {
        assertThat(DEFAULTS.of("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(DEFAULTS.of("0:0:0:0:0:ffff:c000:201")).isEqualTo("192.0.2.1");
        assertThat(new SourceAddresses(24, 64).of("::ffff:192.0.2.1")).isEqualTo("192.0.2.0/24");
        assertThat(DEFAULTS.of("::ffff:192.0.2.1")).isNotEqualTo(DEFAULTS.of("::ffff:192.0.2.2"));
    }

    @Test
    void anIpv4AddressIsWrittenInOneCanonicalForm() {
        assertThat(DEFAULTS.of("010.0.0.1")).as("a leading zero: decimal, not octal, and written without it")
                .isEqualTo("10.0.0.1");
        assertThat(DEFAULTS.of("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(DEFAULTS.of("255.255.255.255")).isEqualTo("255.255.255.255");
        assertThat(DEFAULTS.of("1.2.3.4.")).isEqualTo(SourceAddresses.UNKNOWN);
        assertThat(DEFAULTS.of(".1.2.3")).isEqualTo(SourceAddresses.UNKNOWN);
    }

    @Test
    void whatIsNoAddressLiteralIsTheUnknownSourceAndIsNeverLookedUp() {
        for (String notAnAddress : Arrays.asList(null, "", "localhost", "deadbeef", "1.2.3", "256.1.1.1",
                "1.2.3.4.5", "1..2.3", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "::g", "1.2.3.-4")) {
            assertThat(DEFAULTS.of(notAnAddress)).as(notAnAddress).isEqualTo(SourceAddresses.UNKNOWN);
        }
    }
}
