package org.dsrflow.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An SMTP peer for the faults GreenMail cannot make: a server that is slow to answer (every reply,
 * or only the end of the message), or that refuses a message at its end. It records the Message-ID
 * of every message it took (it saw the end-of-data marker) and of every one cut off before.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger messages = new AtomicInteger();
    private final List<String> taken = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cutOff = Collections.synchronizedList(new ArrayList<>());
    private volatile long replyDelayMillis;
    private volatile long endOfDataDelayMillis;
    private volatile IntFunction<String> endOfDataReply = n -> "250 queued";

    public ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0);
        sessions.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    sessions.submit(() -> session(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every reply comes this late. */
    public ScriptedSmtpServer replyDelay(long millis) {
        replyDelayMillis = millis;
        return this;
    }

    /** The answer to the end of the message comes this late (after the server took it). */
    public ScriptedSmtpServer endOfDataDelay(long millis) {
        endOfDataDelayMillis = millis;
        return this;
    }

    /** The answer to the end of the n-th message (1, 2, ...); a 4xx or 5xx refuses it. */
    public ScriptedSmtpServer endOfDataReply(IntFunction<String> reply) {
        endOfDataReply = reply;
        return this;
    }

    /** How many messages reached their end so far. */
    public int messages() {
        return messages.get();
    }

    /** Message-IDs of the messages this server took responsibility for (one entry per message). */
    public List<String> taken() {
        return List.copyOf(taken);
    }

    public List<String> cutOff() {
        return List.copyOf(cutOff);
    }

    private void session(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1)) {
            reply(out, "220 scripted ESMTP", replyDelayMillis);
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 scripted", replyDelayMillis);
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye", 0);
                    return;
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go ahead", replyDelayMillis);
                    message(in, out);
                } else {
                    reply(out, "250 ok", replyDelayMillis);
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // the client went away
        }
    }

    private void message(BufferedReader in, Writer out) throws IOException, InterruptedException {
        String id = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(".")) {
                String answer = endOfDataReply.apply(messages.incrementAndGet());
                if (answer.startsWith("2")) {
                    taken.add(String.valueOf(id));
                }
                reply(out, answer, replyDelayMillis + endOfDataDelayMillis);
                return;
            }
            if (id == null && line.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
                id = line.substring("message-id:".length()).trim();
            }
        }
        cutOff.add(String.valueOf(id));
    }

    private static void reply(Writer out, String text, long delayMillis) throws IOException, InterruptedException {
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        out.write(text + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.shutdownNow();
    }
}
