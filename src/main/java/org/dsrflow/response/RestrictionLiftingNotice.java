package org.dsrflow.response;

import java.time.LocalDate;
import org.dsrflow.config.Register;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.request.DsrRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The Art. 18(3) notice: the latest lifting of the request, its categories in the requester's language, reason and day. */
@Component
class RestrictionLiftingNotice implements EmailPreparation {

    private final Register register;

    RestrictionLiftingNotice(Register register) {
        this.register = register;
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return kind == EmailKind.RESTRICTION_LIFTING_NOTICE;
    }

    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        Register.InLanguage texts = register.in(request.language().name());
        db.sql("select categories, reason, lift_on from dsr_restriction_lifting where request_id = :id order by id desc fetch first 1 rows only")
                .param("id", request.id())
                .query((rs, row) -> {
                    email.put("categories", String.join(", ", java.util.Arrays.stream(rs.getString("categories").split(","))
                                    .filter(register.categoryIds()::contains).map(category -> texts.category(category).name()).toList()))
                            .put("reason", rs.getString("reason"))
                            .put("liftOn", rs.getObject("lift_on", LocalDate.class));
                    return null;
                }).list();
    }
}
