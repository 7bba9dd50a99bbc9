package org.dsrflow.casefile;

import java.time.Instant;
import java.util.List;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who of a department opened a request's page, and when ({@code dsr_request_view}): the page shows
 * the requester's name, email address and own words, so each view is accounted for to the privacy team.
 */
@Repository
class RequestViews {

    private final JdbcClient jdbc;

    RequestViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record View(String viewedBy, String department, Instant viewedAt) {
    }

    void record(long requestId, String viewedBy, String department, Instant now) {
        jdbc.sql("""
                        insert into dsr_request_view (request_id, viewed_by, department, viewed_at)
                        values (:requestId, :viewedBy, :department, :now)""")
                .param("requestId", requestId)
                .param("viewedBy", viewedBy)
                .param("department", department)
                .param("now", Jdbc.utc(now))
                .update();
    }

    /** Oldest first. */
    List<View> findByRequest(long requestId) {
        return jdbc.sql("select * from dsr_request_view where request_id = :requestId order by viewed_at, id")
                .param("requestId", requestId)
                .query((rs, row) -> new View(rs.getString("viewed_by"), rs.getString("department"), Jdbc.instant(rs, "viewed_at")))
                .list();
    }
}
