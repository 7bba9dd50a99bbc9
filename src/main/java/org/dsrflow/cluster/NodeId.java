package org.dsrflow.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's name in a cluster: {@code DSR_NODE_ID}, or host name and port. It must stay the same
 * across restarts of one node and differ between nodes: it owns the node's job locks and email
 * claims, which a restarted node releases at once instead of waiting for them to expire.
 */
@Component
public class NodeId {

    private final String value;

    NodeId(@Value("${dsr.node-id:}") String configured, @Value("${server.port:8080}") String port) {
        this.value = configured == null || configured.isBlank() ? hostName() + ":" + port : configured.strip();
    }

    public String value() {
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
