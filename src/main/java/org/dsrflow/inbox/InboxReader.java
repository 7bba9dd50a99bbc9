package org.dsrflow.inbox;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Reads the configured mailboxes: every {@code poll-interval} (or on {@link #readNow()}), under a lock in the shared
 * database so that one node of a cluster reads a mailbox at a time. Each message is recorded once (mailbox, UIDVALIDITY,
 * UID) and handed on in the same transaction ({@link InboxIntake}), then moved to the processed folder; a message
 * recorded before (by another node, or before a crash that kept it from moving) is only moved. One message that
 * fails never stops the others. The log names mailboxes, UIDs and record ids, never a sender, subject or text.
 */
@Component
public class InboxReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxReader.class);
    /** A message whose handling fails this often becomes a problem task instead of being tried at every poll. */
    static final int ATTEMPTS = 3;

    /** Failed attempts per message (mailbox, UIDVALIDITY, UID) on this node. */
    private final java.util.Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();

    private final InboxSettings settings;
    private final InboxIntake intake;
    private final JdbcLockRegistry locks;
    private ThreadPoolTaskScheduler scheduler;

    private final org.springframework.beans.factory.BeanFactory beanFactory;

    InboxReader(InboxSettings settings, InboxIntake intake, JdbcLockRegistry inboxLocks,
                org.springframework.beans.factory.BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
        this.settings = settings;
        this.intake = intake;
        this.locks = inboxLocks;
    }

    /** Reads every mailbox once, now, in this thread; returns how many new messages were recorded. */
    public int readNow() {
        int recorded = 0;
        for (InboxSettings.Mailbox mailbox : settings.mailboxes()) {
            recorded += read(mailbox);
        }
        return recorded;
    }

    /** Reads one mailbox unless another node (or thread) is reading it; returns how many new messages were recorded. */
    int read(InboxSettings.Mailbox mailbox) {
        Lock lock = locks.obtain("mailbox-" + mailbox.id());
        boolean locked;
        try {
            locked = lock.tryLock(0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (!locked) {
            log.debug("Inbox {}: another node is reading it", mailbox.id());
            return 0;
        }
        MailboxReceiver receiver = new MailboxReceiver(mailbox, beanFactory);
        try {
            int recorded = 0;
            Object[] all = receiver.receive();
            log.debug("Inbox {}: {} message(s) in the folder", mailbox.id(), all.length);
            for (Object received : all) {
                Object payload = received instanceof org.springframework.messaging.Message<?> wrapped ? wrapped.getPayload() : received;
                if (payload instanceof MimeMessage message && readOne(mailbox, message)) {
                    recorded++;
                }
                locks.renewLock("mailbox-" + mailbox.id());
            }
            return recorded;
        } catch (MessagingException | RuntimeException e) {
            // The exception's message may quote the server, never a message's content: the class is enough.
            log.warn("Inbox {}: reading failed ({}); trying again at the next poll", mailbox.id(), e.getClass().getSimpleName());
            return 0;
        } finally {
            receiver.done();
            receiver.destroy();
            lock.unlock();
        }
    }

    /** Records and hands on one message, then moves it; true when it was new. A failure leaves it for the next poll. */
    private boolean readOne(InboxSettings.Mailbox mailbox, MimeMessage message) {
        long uid = -1;
        try {
            Folder folder = message.getFolder();
            long uidValidity = ((UIDFolder) folder).getUIDValidity();
            uid = ((UIDFolder) folder).getUID(message);
            boolean recorded;
            try {
                recorded = intake.take(mailbox, uidValidity, uid, message);
            } catch (RuntimeException e) {
                recorded = failed(mailbox, uidValidity, uid, message, e);
                if (!recorded) {
                    return false;
                }
            }
            failures.remove(key(mailbox, uidValidity, uid));
            moveToProcessed(mailbox, folder, message);
            return recorded;
        } catch (MessagingException | RuntimeException e) {
            log.warn("Inbox {}: message uid {} not handled ({}); trying again at the next poll", mailbox.id(), uid,
                    e.getClass().getSimpleName());
            return false;
        }
    }

    /** Counts a failed attempt; at the last one the message is recorded as a problem for a person (true then). */
    private boolean failed(InboxSettings.Mailbox mailbox, long uidValidity, long uid, MimeMessage message, RuntimeException e)
            throws MessagingException {
        int attempts = failures.merge(key(mailbox, uidValidity, uid), 1, Integer::sum);
        log.warn("Inbox {}: message uid {} failed to be handled ({}), attempt {} of {}", mailbox.id(), uid,
                e.getClass().getSimpleName(), attempts, ATTEMPTS);
        return attempts >= ATTEMPTS && intake.recordFailure(mailbox, uidValidity, uid, message);
    }

    private static String key(InboxSettings.Mailbox mailbox, long uidValidity, long uid) {
        return mailbox.id() + "/" + uidValidity + "/" + uid;
    }

    private static void moveToProcessed(InboxSettings.Mailbox mailbox, Folder folder, Message message) throws MessagingException {
        Folder processed = folder.getStore().getFolder(mailbox.processedFolder());
        if (!processed.exists()) {
            processed.create(Folder.HOLDS_MESSAGES);
        }
        if (folder instanceof IMAPFolder imap && folder.getStore() instanceof IMAPStore store && store.hasCapability("MOVE")) {
            imap.moveMessages(new Message[] {message}, processed);
        } else {
            folder.copyMessages(new Message[] {message}, processed);
            message.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            folder.expunge();
        }
    }

    @Override
    public void start() {
        if (!settings.scheduled() || settings.mailboxes().isEmpty()) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1); // its own thread: a slow mailbox never delays the node's other schedules (the lease)
        scheduler.setThreadNamePrefix("dsr-inbox-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        for (InboxSettings.Mailbox mailbox : settings.mailboxes()) {
            scheduler.scheduleWithFixedDelay(() -> read(mailbox), java.time.Instant.now().plusSeconds(10), mailbox.pollInterval());
        }
        log.info("Inbox: reading {} mailbox(es): {}", settings.mailboxes().size(),
                settings.mailboxes().stream().map(InboxSettings.Mailbox::id).toList());
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** The ids of the configured mailboxes (for the start-up report and tests). */
    public List<String> mailboxIds() {
        return settings.mailboxes().stream().map(InboxSettings.Mailbox::id).toList();
    }
}
