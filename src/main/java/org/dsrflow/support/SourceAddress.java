package org.dsrflow.support;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who is one source for a limit: an IPv4 address, or an IPv6 /64 (one subscriber's network: a
 * client picks any of its 2^64 addresses freely, so counting single addresses would count nothing).
 * An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is its IPv4 address.
 */
public final class SourceAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private SourceAddress() {
    }

    /** The source of a client address as the servlet container gives it (a literal, never a name). */
    public static String of(String address) {
        if (address == null) {
            return "";
        }
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        // Only literals are parsed: InetAddress would look a name up in DNS.
        if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            if (parsed instanceof Inet4Address) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
