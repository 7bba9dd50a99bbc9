package org.dsrflow.verification;

import java.time.Instant;
import java.util.List;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The privacy team's identity checks of a request, as recorded (method, outcome, what was asked, who, when). */
@Repository
public class IdentityChecks {

    private final JdbcClient jdbc;

    IdentityChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One completed identity check; {@code asked} is what the requester was asked for when more was needed. */
    public record Check(String method, String outcome, String asked, String checkedBy, Instant checkedAt) {
    }

    /**
     * How the privacy team checked the person's identity when registering a call or a letter: recorded
     * as a verified check by the registrar (the request page shows it like any other check).
     */
    public void recordAtRegistration(long requestId, String method, String registrar, Instant at) {
        jdbc.sql("""
                        insert into dsr_identity_check (request_id, method, outcome, checked_by, checked_at)
                        values (:requestId, :method, 'VERIFIED', :by, :at)""")
                .param("requestId", requestId)
                .param("method", method)
                .param("by", registrar)
                .param("at", Jdbc.utc(at))
                .update();
    }

    /** Oldest first. */
    public List<Check> findByRequest(long requestId) {
        return jdbc.sql("select * from dsr_identity_check where request_id = :requestId order by id")
                .param("requestId", requestId)
                .query((rs, row) -> new Check(rs.getString("method"), rs.getString("outcome"), rs.getString("asked"),
                        rs.getString("checked_by"), Jdbc.instant(rs, "checked_at")))
                .list();
    }
}
