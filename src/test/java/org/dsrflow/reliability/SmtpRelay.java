package org.dsrflow.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the reliability tests' SMTP servers: the node sends to the relay's port, and the test
 * chooses where each new connection goes ({@link #to}), so a scenario can put a slow SMTP server behind the
 * running node without restarting it (a restart of the jar costs some 15 s). A connection ends on both sides
 * when either side closes it, so a node that stops mid-message cuts the server off as it would without the relay.
 */
final class SmtpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile int upstream;

    SmtpRelay(int upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "smtp-relay");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** New connections go to the SMTP server on {@code port} from now on. */
    void to(int port) {
        upstream = port;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target;
                try {
                    target = new Socket(InetAddress.getLoopbackAddress(), upstream);
                } catch (IOException refused) {
                    closeQuietly(client); // the server is down (an outage): the node's connection fails as it would without the relay
                    continue;
                }
                open.add(client);
                open.add(target);
                pipe(client, target);
                pipe(target, client);
            } catch (IOException closed) {
                // the relay was closed: the loop ends
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread copying = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "smtp-relay-pipe");
        copying.setDaemon(true);
        copying.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(SmtpRelay::closeQuietly);
    }
}
