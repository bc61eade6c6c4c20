package dev.keymint.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class SourceAddressTest {

    static String of(String remoteAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(remoteAddress);
        return SourceAddress.of(request);
    }

    @Test
    void anIpv4AddressIsItsOwnSource() {
        assertThat(of("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(of("203.0.113.8")).isNotEqualTo(of("203.0.113.7"));
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        assertThat(of("2001:db8:1:2:aaaa::1")).isEqualTo(of("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(of("2001:db8:1:3::1")).isNotEqualTo(of("2001:db8:1:2::1"));
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4One() {
        assertThat(of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
