package org.dsrflow.response;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The letters written for a request without an email address ({@link AnswerLetter}), and the day each was posted. */
@Repository
public class Letters {

    private final JdbcClient jdbc;

    Letters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A letter without its content; {@code postedOn} is null until the privacy team records it. */
    public record Letter(long id, String kind, String fileName, int pages, Instant writtenAt, LocalDate postedOn, String postedBy) {
    }

    /** Oldest first. */
    public List<Letter> of(long requestId) {
        return jdbc.sql("""
                        select id, kind, file_name, pages, created_at, posted_on, posted_by from dsr_letter
                        where request_id = :requestId order by id""")
                .param("requestId", requestId)
                .query((rs, row) -> new Letter(rs.getLong("id"), rs.getString("kind"), rs.getString("file_name"), rs.getInt("pages"),
                        Jdbc.instant(rs, "created_at"), rs.getObject("posted_on", LocalDate.class), rs.getString("posted_by")))
                .list();
    }

    /** The letter still to be posted, the latest one written. */
    Optional<Letter> toPost(long requestId) {
        List<Letter> letters = of(requestId);
        for (int i = letters.size() - 1; i >= 0; i--) {
            if (letters.get(i).postedOn() == null) {
                return Optional.of(letters.get(i));
            }
        }
        return Optional.empty();
    }

    /** The PDF (empty once retention erased it). */
    Optional<byte[]> content(long requestId, long letterId) {
        return jdbc.sql("select content from dsr_letter where id = :id and request_id = :requestId and content is not null")
                .param("id", letterId).param("requestId", requestId)
                .query((rs, row) -> rs.getBytes(1)).optional();
    }

    void recordPosted(long letterId, LocalDate postedOn, String by, Instant now) {
        jdbc.sql("update dsr_letter set posted_on = :day, posted_by = :by, posted_recorded_at = :now where id = :id")
                .param("day", postedOn).param("by", by).param("now", Jdbc.utc(now)).param("id", letterId).update();
    }
}
