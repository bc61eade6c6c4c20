package dev.keymint.common;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Turns the client address of a request (as the servlet container resolved it, which honours
 * {@code server.forward-headers-strategy}) into the source that lockout failures and rate limits
 * count against: the address cut to a prefix, in one canonical text form ({@code 203.0.113.7},
 * {@code 198.51.100.0/24}, {@code 2001:db8:1:2:0:0:0:0/64}). An IPv4-mapped IPv6 address
 * ({@code ::ffff:203.0.113.7}, as a proxy may forward it) is its IPv4 address, so that it is not
 * lumped together with every other such address into one IPv6 network. The address is parsed
 * here, never handed to {@code InetAddress}, which would look up in DNS whatever is not a literal.
 */
public final class SourceAddresses {

    /** The source of a request whose address is missing or not an IP literal. */
    public static final String UNKNOWN = "unknown";

    private final int prefixIpv4;
    private final int prefixIpv6;

    public SourceAddresses(int prefixIpv4, int prefixIpv6) {
        this.prefixIpv4 = prefixIpv4;
        this.prefixIpv6 = prefixIpv6;
    }

    public String of(@Nullable String remoteAddress) {
        if (remoteAddress == null) {
            return UNKNOWN;
        }
        if (prefixIpv4 == 32 && isPlainIpv4(remoteAddress)) {
            // the common case, on every rate-limited request: the address is its own text
            return remoteAddress;
        }
        int[] parts = remoteAddress.indexOf(':') >= 0 ? ipv6(remoteAddress) : ipv4(remoteAddress);
        if (parts == null) {
            return UNKNOWN;
        }
        if (isIpv4Mapped(parts)) {
            parts = new int[] {parts[6] >>> 8, parts[6] & 0xff, parts[7] >>> 8, parts[7] & 0xff};
        }
        boolean v4 = parts.length == 4;
        int partBits = v4 ? 8 : 16;
        int prefix = v4 ? prefixIpv4 : prefixIpv6;
        StringBuilder text = new StringBuilder(40);
        for (int i = 0; i < parts.length; i++) {
            int keep = Math.clamp(prefix - (long) i * partBits, 0, partBits);
            int value = keep == 0 ? 0 : parts[i] & (-1 << (partBits - keep));
            if (i > 0) {
                text.append(v4 ? '.' : ':');
            }
            text.append(v4 ? Integer.toString(value) : Integer.toHexString(value & 0xffff));
        }
        return prefix == parts.length * partBits ? text.toString() : text.append('/').append(prefix).toString();
    }

    /** Dotted decimal without leading zeros, checked without allocating. */
    private static boolean isPlainIpv4(String address) {
        int octets = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return false;
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && octets < 3) {
                octets++;
                value = -1;
                digits = 0;
            } else {
                return false;
            }
        }
        return octets == 3 && digits > 0;
    }

    private static boolean isIpv4Mapped(int[] parts) {
        if (parts.length != 8 || parts[5] != 0xffff) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            if (parts[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int @Nullable [] ipv4(String address) {
        String[] octets = address.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        int[] parts = new int[4];
        for (int i = 0; i < 4; i++) {
            if (octets[i].isEmpty() || octets[i].length() > 3 || !octets[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            parts[i] = Integer.parseInt(octets[i]);
            if (parts[i] > 255) {
                return null;
            }
        }
        return parts;
    }

    /** Eight 16-bit groups of an IPv6 literal: brackets and a zone ({@code %eth0}) dropped, {@code ::} and an IPv4 tail expanded. */
    private static int @Nullable [] ipv6(String literal) {
        String address = literal.startsWith("[") && literal.endsWith("]")
                ? literal.substring(1, literal.length() - 1) : literal;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = groups(gap >= 0 ? address.substring(0, gap) : address);
        List<Integer> tail = gap >= 0 ? groups(address.substring(gap + 2)) : List.of();
        if (head == null || tail == null) {
            return null;
        }
        int missing = 8 - head.size() - tail.size();
        if (gap < 0 ? missing != 0 : missing < 1) {
            return null;
        }
        int[] parts = new int[8];
        for (int i = 0; i < head.size(); i++) {
            parts[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            parts[8 - tail.size() + i] = tail.get(i);
        }
        return parts;
    }

    private static @Nullable List<Integer> groups(String part) {
        List<Integer> groups = new ArrayList<>(8);
        if (part.isEmpty()) {
            return groups;
        }
        String[] texts = part.split(":", -1);
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            if (i == texts.length - 1 && text.indexOf('.') >= 0) {
                int[] v4 = ipv4(text);
                if (v4 == null) {
                    return null;
                }
                groups.add(v4[0] << 8 | v4[1]);
                groups.add(v4[2] << 8 | v4[3]);
            } else if (text.isEmpty() || text.length() > 4
                    || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            } else {
                groups.add(Integer.parseInt(text, 16));
            }
        }
        return groups.size() <= 8 ? groups : null;
    }
}
