package org.dsrflow.review;

import java.text.NumberFormat;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.request.DsrRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the clarification and fee emails say beyond the usual model: the question (and by when to
 * answer, and whether the clock waits meanwhile), the fee's amount in the requester's language,
 * reasons, calculation, how and by when to pay. Read in the email's own transaction.
 */
@Component
class ReviewEmails implements EmailPreparation {

    static final Set<EmailKind> KINDS = Set.of(EmailKind.CLARIFICATION_REQUEST, EmailKind.CLARIFICATION_REMINDER,
            EmailKind.FEE_NOTICE, EmailKind.CLOSED_FEE_UNPAID);

    private final Clarifications clarifications;
    private final Fees fees;
    private final DsrProperties properties;
    private final org.dsrflow.config.Register register;

    ReviewEmails(Clarifications clarifications, Fees fees, DsrProperties properties, org.dsrflow.config.Register register) {
        this.clarifications = clarifications;
        this.fees = fees;
        this.properties = properties;
        this.register = register;
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return KINDS.contains(kind);
    }

    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        ZoneId zone = properties.site(request.site()).zone();
        if (email.kind() == EmailKind.CLARIFICATION_REQUEST || email.kind() == EmailKind.CLARIFICATION_REMINDER) {
            List<Clarifications.Exchange> asked = clarifications.all(db, request.id());
            if (asked.isEmpty()) {
                throw new IllegalStateException("request " + request.reference() + " has no question to send");
            }
            Clarifications.Exchange question = asked.get(asked.size() - 1);
            email.put("question", question.question())
                    .put("clockStopped", question.clockStopped())
                    .put("replyBy", clarifications.replyBy(question, request.id(), request.site()));
            return;
        }
        Fees.Fee fee = fees.latest(db, request.id())
                .orElseThrow(() -> new IllegalStateException("request " + request.reference() + " has no fee"));
        email.put("feeAmount", amount(fee, email.locale()))
                // The register's standard reason in the requester's language, then the privacy team's own words.
                .put("feeReasons", register.in(email.locale()).reasons(DsrProperties.ReasonKind.FEE, fee.reason(), fee.reasons()))
                .put("feeCalculation", fee.calculation())
                .put("feePayment", fee.payment())
                .put("feePayBy", fee.payBy())
                .put("feeClockStopped", fee.clockStopped());
    }

    /**
     * The amount with the decimals of the requester's language and the ISO currency code, e.g.
     * "450.00 SEK" in English, "450,00 SEK" in Swedish: unambiguous in every language (the JDK's
     * currency symbols differ between languages, e.g. "kr" for three currencies).
     */
    static String amount(Fees.Fee fee, Locale locale) {
        Currency currency = Currency.getInstance(fee.currency());
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setGroupingUsed(false);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        return format.format(fee.amount()) + " " + currency.getCurrencyCode();
    }
}
