package org.dsrflow.inbox;

import jakarta.mail.Authenticator;
import jakarta.mail.Flags;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.URLName;
import jakarta.mail.search.FlagTerm;
import java.util.Properties;
import org.springframework.integration.mail.ImapMailReceiver;

/**
 * Spring Integration Mail's IMAP receiver for one mailbox, set up to leave every decision to the reader: it returns
 * every message still in the folder (not only unseen ones: a message is done once it was moved out), deletes nothing,
 * and keeps the folder open so that the reader can read UIDs and move what it recorded. The password goes through an
 * authenticator, never into the URL (which may be logged).
 */
class MailboxReceiver extends ImapMailReceiver {

    MailboxReceiver(InboxSettings.Mailbox mailbox, org.springframework.beans.factory.BeanFactory beanFactory) {
        super(new URLName(mailbox.protocol(), mailbox.host(), mailbox.port() == null ? -1 : mailbox.port(), mailbox.folder(),
                mailbox.username(), null).toString());
        Properties properties = new Properties();
        String prefix = "mail." + mailbox.protocol() + ".";
        properties.setProperty(prefix + "connectiontimeout", "20000");
        properties.setProperty(prefix + "timeout", "60000");
        properties.setProperty(prefix + "writetimeout", "60000");
        setJavaMailProperties(properties);
        setJavaMailAuthenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(mailbox.username(), mailbox.password());
            }
        });
        setShouldDeleteMessages(false);
        setShouldMarkMessagesAsRead(false);
        setAutoCloseFolder(false);
        setSearchTermStrategy((supportedFlags, folder) -> new FlagTerm(new Flags(Flags.Flag.DELETED), false));
        setMaxFetchSize(50);
        setHeaderMapper(null); // the messages themselves (with their folder and UID), not Spring messages of their content
        setBeanFactory(beanFactory);
        afterPropertiesSet();
    }

    /** Closes the folder kept open for the reader. */
    void done() {
        closeFolder();
    }
}
