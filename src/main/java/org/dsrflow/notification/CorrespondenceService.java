package org.dsrflow.notification;

import java.util.List;
import org.dsrflow.request.DsrRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sends one email of a request and records it, exactly once. The process (or a page) says which request,
 * which kind and its context; the email is written here for its {@link Addressee} from the model of its kind
 * ({@link EmailModels}) and what other parts prepare for it ({@link EmailPreparation}), rendered
 * ({@link MailComposer}) and handed to {@link EmailDelivery}, which claims, sends and records it.
 */
@Service
public class CorrespondenceService {

    private final Addressees addressees;
    private final EmailModels models;
    private final List<EmailPreparation> preparations;
    private final MailComposer composer;
    private final EmailDelivery delivery;
    private final List<PostalLetter> letters;
    private final JdbcClient jdbc;

    CorrespondenceService(Addressees addressees, EmailModels models, List<EmailPreparation> preparations, MailComposer composer,
                          EmailDelivery delivery, List<PostalLetter> letters, JdbcClient jdbc) {
        this.addressees = addressees;
        this.models = models;
        this.preparations = List.copyOf(preparations);
        this.composer = composer;
        this.delivery = delivery;
        this.letters = List.copyOf(letters);
        this.jdbc = jdbc;
    }

    /**
     * Sends the email identified by {@code idempotencyKey} exactly once (see {@link EmailDelivery}); a requester
     * without an email address is written to by post, which is recorded instead.
     */
    public void send(DsrRequest request, EmailKind kind, EmailContext context, String idempotencyKey) {
        if (Addressee.byPost(request, kind)) {
            // The answer is written as the email would be, then as the letter the privacy team prints (in the job's
            // transaction: a failed job leaves no letter, a retried one finds it written).
            for (PostalLetter letter : letters) {
                if (letter.writes(kind) && !letter.written(jdbc, idempotencyKey)) {
                    Addressee to = addressees.of(request, kind, context);
                    letter.write(jdbc, request, kind, idempotencyKey, render(jdbc, request, kind, context, to).email(), to.locale());
                }
            }
            delivery.recordByPost(request, kind, idempotencyKey);
            return;
        }
        delivery.deliver(request, kind, idempotencyKey, new EmailDelivery.Draft() {
            @Override
            public Addressee addressee() {
                return addressees.of(request, kind, context);
            }

            @Override
            public EmailDelivery.Written write(JdbcClient db, Addressee to) {
                return render(db, request, kind, context, to);
            }
        });
    }

    private EmailDelivery.Written render(JdbcClient db, DsrRequest request, EmailKind kind, EmailContext context, Addressee to) {
        PreparedEmail prepared = new PreparedEmail(kind, models.of(db, request, kind, context, to), to.locale());
        for (EmailPreparation part : preparations) {
            if (part.prepares(kind)) {
                part.prepare(db, request, context, prepared);
            }
        }
        return new EmailDelivery.Written(composer.render(kind, to.locale(), prepared.model()), prepared.attachments());
    }
}
