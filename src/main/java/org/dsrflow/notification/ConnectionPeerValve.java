package org.dsrflow.notification;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.catalina.Globals;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * For the development mailbox: records the address at the other end of the TCP connection (never the
 * one a proxy's header gave; Tomcat's RemoteIpValve and Spring's ForwardedHeaderFilter rewrite
 * {@code getRemoteAddr()}) and whether the request came through a proxy, i.e. carries a forwarding
 * header or was already rewritten. Request attributes cannot be set by a client.
 */
final class ConnectionPeerValve extends ValveBase {

    static final String PEER = ConnectionPeerValve.class.getName() + ".peer";
    static final String FORWARDED = ConnectionPeerValve.class.getName() + ".forwarded";

    /** Headers by which proxies name the client (or themselves): a request with any of them came through one. */
    static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Server", "X-Forwarded-Ssl",
            "X-Real-IP", "X-Client-IP", "X-Cluster-Client-IP", "True-Client-IP", "CF-Connecting-IP", "Fastly-Client-IP", "Via");

    private final List<String> headers;

    /** {@code configured}: header names set for Tomcat's remote-IP handling (server.tomcat.remoteip.*), if any. */
    ConnectionPeerValve(Collection<String> configured) {
        super(true);
        List<String> all = new ArrayList<>(FORWARDING_HEADERS);
        configured.stream().filter(Objects::nonNull).filter(name -> !name.isBlank()).forEach(all::add);
        this.headers = List.copyOf(all);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        boolean forwarded = Boolean.TRUE.equals(request.getAttribute(Globals.REQUEST_FORWARDED_ATTRIBUTE))
                || headers.stream().anyMatch(header -> request.getHeader(header) != null);
        request.setAttribute(PEER, request.getPeerAddr());
        request.setAttribute(FORWARDED, forwarded);
        getNext().invoke(request, response);
    }
}
