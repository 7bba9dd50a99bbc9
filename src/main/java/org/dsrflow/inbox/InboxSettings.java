package org.dsrflow.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The mailboxes dsr-flow reads ({@code dsr.inbox}): none by default. {@code poll}: {@code scheduled} (every mailbox
 * read every {@code poll-interval}) or {@code manual} (only {@link InboxReader#readNow()}: the tests).
 */
@ConfigurationProperties(prefix = "dsr.inbox")
record InboxSettings(List<Mailbox> mailboxes, String poll) {

    InboxSettings {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        poll = poll == null || poll.isBlank() ? "scheduled" : poll.strip();
    }

    boolean scheduled() {
        return "scheduled".equals(poll);
    }

    /** One mailbox; a missing folder is INBOX, the processed folder dsr-processed, the interval a minute, the limit 25 MB. */
    record Mailbox(String id, MailboxPurpose purpose, String host, Integer port, String protocol, String username, String password,
                   String folder, String processedFolder, Duration pollInterval, DataSize maxMessageSize) {

        Mailbox {
            folder = folder == null || folder.isBlank() ? "INBOX" : folder;
            processedFolder = processedFolder == null || processedFolder.isBlank() ? "dsr-processed" : processedFolder;
            pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
            maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(25) : maxMessageSize;
            protocol = protocol == null || protocol.isBlank() ? "imaps" : protocol.strip();
        }

        /** Never the password, should a mailbox ever be logged. */
        @Override
        public String toString() {
            return "mailbox " + id;
        }
    }

    /** What is wrong with the settings, one sentence per problem naming the setting; empty when they are usable. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!List.of("scheduled", "manual").contains(poll)) {
            problems.add("dsr.inbox.poll must be scheduled or manual, not " + poll);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < mailboxes.size(); i++) {
            Mailbox mailbox = mailboxes.get(i);
            String at = "dsr.inbox.mailboxes[" + i + "].";
            if (mailbox.id() == null || !mailbox.id().matches("[A-Za-z0-9_-]{1,60}")) {
                problems.add(at + "id is required: letters, digits, - and _ (at most 60)");
            } else if (!ids.add(mailbox.id())) {
                problems.add(at + "id " + mailbox.id() + " is given to two mailboxes");
            }
            if (mailbox.purpose() == null) {
                problems.add(at + "purpose is required: PRIVACY_REQUESTS or MARKETING_OPT_OUTS");
            }
            if (mailbox.host() == null || mailbox.host().isBlank()) {
                problems.add(at + "host is required");
            }
            if (mailbox.port() != null && (mailbox.port() < 1 || mailbox.port() > 65535)) {
                problems.add(at + "port must be between 1 and 65535");
            }
            if (!List.of("imap", "imaps").contains(mailbox.protocol())) {
                problems.add(at + "protocol must be imap or imaps, not " + mailbox.protocol());
            }
            if (mailbox.username() == null || mailbox.username().isBlank()) {
                problems.add(at + "username is required");
            }
            if (mailbox.password() == null || mailbox.password().isEmpty()) {
                problems.add(at + "password is required (give it in the environment)");
            }
            if (mailbox.processedFolder().equalsIgnoreCase(mailbox.folder())) {
                problems.add(at + "processed-folder must differ from folder, or every message would be read again");
            }
            if (mailbox.pollInterval().compareTo(Duration.ofSeconds(5)) < 0) {
                problems.add(at + "poll-interval must be at least PT5S");
            }
            if (mailbox.maxMessageSize().toBytes() < 1024) {
                problems.add(at + "max-message-size must be at least 1KB");
            }
        }
        return problems;
    }
}
