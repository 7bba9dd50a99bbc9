package org.dsrflow.reliability;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The SMTP server of the reliability tests (GreenMail on a fixed port): it can be stopped for an
 * outage and started again, and it counts what every address received, by Message-ID.
 */
final class MailSink implements AutoCloseable {

    private final int port;
    private final List<MimeMessage> earlier = new ArrayList<>();
    private GreenMail server;

    MailSink() throws IOException {
        this.port = AppNode.freePort();
        start();
    }

    int port() {
        return port;
    }

    void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    void stop() {
        earlier.addAll(List.of(server.getReceivedMessages()));
        server.stop();
    }

    synchronized List<MimeMessage> messages() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        all.addAll(List.of(server.getReceivedMessages()));
        return all;
    }

    /** Address → Message-IDs it received (one entry per message, so a duplicate shows twice). */
    Map<String, List<String>> byAddress(Predicate<MimeMessage> which) {
        Map<String, List<String>> received = new TreeMap<>();
        for (MimeMessage message : messages()) {
            if (which.test(message)) {
                received.computeIfAbsent(to(message), key -> new ArrayList<>()).add(messageId(message));
            }
        }
        return received;
    }

    /** Waits until {@code count} messages matching {@code which} arrived (fails after {@code timeout}). */
    void awaitAtLeast(int count, Predicate<MimeMessage> which, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (System.nanoTime() < end) {
            seen = messages().stream().filter(which).count();
            if (seen >= count) {
                return;
            }
            AppNode.pause(200);
        }
        throw new AssertionError("expected " + count + " emails within " + timeout + ", got " + seen);
    }

    /** Addresses that got a message more than once, with their Message-IDs. */
    static Map<String, List<String>> duplicates(Map<String, List<String>> byAddress) {
        return byAddress.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    static Predicate<MimeMessage> subjectContains(String text) {
        return message -> {
            try {
                return message.getSubject() != null && message.getSubject().contains(text);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
