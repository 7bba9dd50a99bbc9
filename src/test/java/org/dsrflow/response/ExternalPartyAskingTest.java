package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.ProcessingRegisterTest;
import org.dsrflow.config.Register;
import org.dsrflow.departments.DepartmentOutcome;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.request.Channel;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.Language;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestStatus;
import org.dsrflow.request.RequestType;
import org.dsrflow.support.PublicLinks;
import org.dsrflow.verification.TokenService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which processors and recipients a request reaches, with the shipped register: of the parties of a category,
 * only those with a contact address (in "digital": google and hosting-partner; in "contact": none).
 */
class ExternalPartyAskingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestRepository requests = mock(RequestRepository.class);
    private final DepartmentResultRepository results = mock(DepartmentResultRepository.class);
    private final ExternalPartyTasks tasks = mock(ExternalPartyTasks.class);
    private final List<DepartmentResult> answers = new ArrayList<>();
    private ExternalPartyAsking asking;

    @BeforeEach
    void asking() throws Exception {
        DsrProperties.Organisation organisation = ProcessingRegisterTest.shipped();
        DsrProperties properties = mock(DsrProperties.class);
        when(properties.organisation()).thenReturn(organisation);
        asking = new ExternalPartyAsking(requests, results, tasks, mock(TokenService.class), properties, new Register(organisation),
                mock(PublicLinks.class), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Duration.ofDays(30));
        when(results.findByRequest(1L)).thenReturn(answers);
    }

    @Test
    void anErasureAsksEachPartyWithAContactAddressOfTheCategoriesErasedOnce() {
        request(RequestType.ERASURE, "digital", "contact");
        answered("marketing", Map.of("digital", Map.of("action", "erased"), "contact", Map.of("action", "erased"), "disclosedTo", List.of("google", "hosting-partner")));
        answered("webdigital", Map.of("digital", Map.of("action", "erased"), "disclosedTo", List.of("hosting-partner")));

        assertThat(asking.partiesFor(1L)).containsExactly("google", "hosting-partner");
        verify(tasks).record(1L, "google", List.of("digital"));
        verify(tasks).record(1L, "hosting-partner", List.of("digital"));
    }

    @Test
    void aRectificationOrARestrictionAsksThePartiesOfTheCategoriesActedOn() {
        request(RequestType.RECTIFICATION, "digital");
        answered("marketing", Map.of("digital", Map.of("action", "corrected"), "disclosedTo", List.of("google", "hosting-partner")));
        assertThat(asking.partiesFor(1L)).containsExactly("google", "hosting-partner");

        answers.clear();
        request(RequestType.RESTRICTION, "digital");
        answered("marketing", Map.of("digital", Map.of("action", "restricted"), "disclosedTo", List.of("google", "hosting-partner")));
        assertThat(asking.partiesFor(1L)).containsExactly("google", "hosting-partner");
    }

    /** The register says who may receive a category; only the department knows who did (Art. 19: "to whom disclosed"). */
    @Test
    void onlyThePartiesADepartmentTickedAreAskedNoneByDefault() {
        request(RequestType.ERASURE, "digital");
        answered("webdigital", Map.of("digital", Map.of("action", "erased")));
        assertThat(asking.partiesFor(1L)).isEmpty();

        answers.clear();
        answered("webdigital", Map.of("digital", Map.of("action", "erased"), "disclosedTo", List.of("hosting-partner", "nobody-known")));
        assertThat(asking.partiesFor(1L)).containsExactly("hosting-partner");
        verify(tasks, never()).record(1L, "google", List.of("digital"));
    }

    @Test
    void dataKeptDisputedOrNotHeldAsksNoParty() {
        request(RequestType.ERASURE, "digital");
        answered("marketing", Map.of("digital", Map.of("action", "retained")));
        answered("webdigital", Map.of("digital", Map.of("action", "none")));

        assertThat(asking.partiesFor(1L)).isEmpty();
        verify(tasks, never()).record(anyLong(), anyString(), any());
    }

    @Test
    void anAccessRequestAsksNoParty() {
        request(RequestType.ACCESS, "digital");
        answered("marketing", Map.of("found", "yes", "digital", Map.of("action", "erased")));

        assertThat(asking.partiesFor(1L)).isEmpty();
    }

    private void request(RequestType type, String... categories) {
        when(requests.findById(1L)).thenReturn(Optional.of(new DsrRequest(1L, "DSR-2026-000001", type, "SE", Language.valueOf("en"),
                Channel.WEB, "Eva", "eva@example.org", List.of(categories), null, RequestStatus.IN_PROGRESS, LocalDate.of(2026, 3, 2),
                Instant.EPOCH, null, null, LocalDate.of(2026, 4, 2), null, null, null, false, "pi-1", false, null, null, null)));
    }

    private void answered(String department, Map<String, ?> answer) {
        answers.add(new DepartmentResult(department, DepartmentOutcome.DONE, JSON.valueToTree(answer), "someone", Instant.EPOCH));
    }
}
