package org.dsrflow.process;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Starts the privacy team's task about an email of a request ({@link MailNoticeProcess}); the business key is the stored message's. */
@Component
public class MailNotices {

    private final RuntimeService runtime;

    MailNotices(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Opens the task for the stored message {@code messageId} about request {@code reference}; returns the instance id. */
    public String start(long messageId, String reference, String kind, String title) {
        // Not the request's reference as business key: the request's own process is found by it.
        return runtime.startProcessInstanceByKey(MailNoticeProcess.KEY, "mail-notice-" + messageId, Map.of(
                MailNoticeProcess.REFERENCE.name(), reference, MailNoticeProcess.KIND.name(), kind,
                MailNoticeProcess.TITLE.name(), title)).getId();
    }
}
