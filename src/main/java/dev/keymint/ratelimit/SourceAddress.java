package dev.keymint.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.ServletRequest;

/**
 * The source a per-source budget belongs to: the client address as the servlet container resolved
 * it (behind a proxy, through {@code server.forward-headers-strategy}). An IPv4 address is its own
 * source; an IPv6 address counts by its /64 network, which one subscriber usually holds whole, so
 * that walking through its addresses does not buy fresh budgets.
 */
final class SourceAddress {

    private SourceAddress() {
    }

    static String of(ServletRequest request) {
        String address = request.getRemoteAddr();
        return address.indexOf(':') < 0 ? address : network64(address);
    }

    static String network64(String address) {
        InetAddress parsed;
        try {
            // a literal: parsed, never looked up
            parsed = InetAddress.getByName(address);
        } catch (UnknownHostException | SecurityException e) {
            return address;
        }
        if (!(parsed instanceof Inet6Address)) {
            return parsed.getHostAddress();
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder network = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff)).append(':');
        }
        return network.append(":/64").toString();
    }
}
