package org.dsrflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class WorkerSettingsTest {

    @Test
    void theStaffApiIsTheEnginesAddressWithoutEngineRestAndThePasswordIsNeverPrinted() {
        WorkerSettings settings = WorkerSettings.from(new MockEnvironment().withProperty("dsr.worker.name", "warehouse-dc1")
                .withProperty("dsr.worker.engine-url", "https://privacy.example.org/dsr/engine-rest/")
                .withProperty("dsr.worker.username", "warehouse").withProperty("dsr.worker.password", "s3cret-pass"));

        assertThat(settings.engineUrl()).isEqualTo(URI.create("https://privacy.example.org/dsr/engine-rest"));
        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://privacy.example.org/dsr"));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.toString()).doesNotContain("s3cret-pass");
    }

    @Test
    void everyMissingOrWrongSettingIsNamedWithItsEnvironmentVariable() {
        assertThatThrownBy(() -> WorkerSettings.from(new MockEnvironment().withProperty("dsr.worker.name", "Warehouse")
                .withProperty("dsr.worker.engine-url", "http://privacy.example.org/engine-rest")
                .withProperty("dsr.worker.poll-interval", "soon")))
                .hasMessageContaining("dsr.worker.name (DSR_WORKER_NAME): 'Warehouse' is not a worker name")
                .hasMessageContaining("dsr.worker.engine-url (DSR_WORKER_ENGINE_URL): 'http://privacy.example.org/engine-rest' must be an"
                        + " https address (http only for localhost)")
                .hasMessageContaining("dsr.worker.username (DSR_WORKER_USERNAME): missing")
                .hasMessageContaining("dsr.worker.password (DSR_WORKER_PASSWORD): missing")
                .hasMessageContaining("dsr.worker.poll-interval (DSR_WORKER_POLL_INTERVAL): 'soon' is not a duration");
    }

    @Test
    void plainHttpIsAcceptedOnlyForThisComputer() {
        WorkerSettings settings = WorkerSettings.from(new MockEnvironment().withProperty("dsr.worker.name", "application")
                .withProperty("dsr.worker.engine-url", "http://localhost:8080/engine-rest")
                .withProperty("dsr.worker.username", "worker").withProperty("dsr.worker.password", "pw"));

        assertThat(settings.apiUrl()).isEqualTo(URI.create("http://localhost:8080"));
    }
}
