package org.dsrflow.systems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.connectors.DataSystem;
import org.dsrflow.process.SystemTasks;
import org.junit.jupiter.api.Test;

/**
 * Which worker a system task reaches: the application's systems are on the topics the worker inside the application
 * fetches, a separate worker's systems on topics named for it, and every one of them is a system task's topic (the staff
 * API a separate worker reports to serves those only).
 */
class SystemTopicsTest {

    @Test
    void theApplicationsSystemsAreOnTheTopicsItsOwnWorkerFetches() {
        assertThat(SystemWork.topicOf(system(DsrProperties.SystemEntry.APPLICATION, true))).isEqualTo(SystemTasks.TOPIC_SQL);
        assertThat(SystemWork.topicOf(system(null, false))).isEqualTo(SystemTasks.TOPIC_HTTP);
        assertThat(SystemTasks.TOPICS).containsExactly(SystemTasks.TOPIC_SQL, SystemTasks.TOPIC_HTTP);
    }

    @Test
    void aSeparateWorkersSystemsAreOnTopicsNamedForItThatTheApplicationsWorkerDoesNotFetch() {
        String sql = SystemWork.topicOf(system("warehouse-dc1", true));
        String http = SystemWork.topicOf(system("warehouse-dc1", false));

        assertThat(sql).isEqualTo("dsr-system-sql-warehouse-dc1");
        assertThat(http).isEqualTo("dsr-system-http-warehouse-dc1");
        assertThat(SystemTasks.TOPICS).doesNotContain(sql, http);
        assertThat(SystemTasks.isSystemTopic(sql)).isTrue();
        assertThat(SystemTasks.isSystemTopic(http)).isTrue();
        assertThat(SystemTasks.isSystemTopic("send-invoice")).isFalse();
        assertThat(SystemTasks.isSystemTopic("dsr-system-sqlx")).isFalse();
    }

    private static DataSystem system(String worker, boolean sql) {
        return new DataSystem("crm", "shop", new DsrProperties.SystemEntry("CRM",
                sql ? new DsrProperties.SqlConnection("CRM_URL", null, null) : null,
                sql ? null : new DsrProperties.HttpConnection("DESK_URL", null),
                null, null, null, null, null, null, worker, Map.of()));
    }
}
