package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.ProcessingRegisterTest;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.Channel;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.Language;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestStatus;
import org.dsrflow.request.RequestType;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a party's link opens, and its answer: the link's state, the party's task and the request are stand-ins. */
class ExternalPartyPageTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
    private static final String LINK = "x".repeat(43);

    private final TokenService tokens = mock(TokenService.class);
    private final ExternalPartyTasks tasks = mock(ExternalPartyTasks.class);
    private final RequestRepository requests = mock(RequestRepository.class);
    private final RequestProcessAdapter process = mock(RequestProcessAdapter.class);
    private final DsrRequest request = new DsrRequest(1L, "DSR-2026-000001", RequestType.ERASURE, "SE", Language.valueOf("en"),
            Channel.WEB, "Eva", "eva@example.org", List.of("digital"), null, RequestStatus.IN_PROGRESS, LocalDate.of(2026, 3, 2),
            Instant.EPOCH, null, null, LocalDate.of(2026, 4, 2), null, null, null, false, "pi-1", false, null, null, null);
    private ExternalPartyPage page;

    @BeforeEach
    void page() throws Exception {
        DsrProperties properties = mock(DsrProperties.class);
        when(properties.organisation()).thenReturn(ProcessingRegisterTest.shipped());
        page = new ExternalPartyPage(tokens, tasks, requests, properties, process, Clock.fixed(NOW, ZoneOffset.UTC),
                mock(org.dsrflow.departments.DepartmentResultRepository.class), 3);
        when(requests.findById(1L)).thenReturn(Optional.of(request));
    }

    @Test
    void aKnownUnusedUnexpiredLinkOpensThePartysTaskInItsLanguage() {
        link(NOW.plusSeconds(60), null);
        task(false, false);

        ExternalPartyPage.Opened opened = page.open(LINK, new StringBuilder()).orElseThrow();

        assertThat(opened).isEqualTo(new ExternalPartyPage.Opened(7L, "hosting-partner", "sv", request, List.of("digital")));
    }

    @Test
    void anUnknownOrMissingLinkOpensNothing() {
        when(tokens.find(LINK, TokenPurpose.EXTERNAL_PARTY)).thenReturn(Optional.empty());

        assertWhyNot(LINK, "UNKNOWN");
        assertWhyNot(" ", "UNKNOWN");
    }

    @Test
    void aUsedLinkOrAnAnsweredTaskOpensNothing() {
        link(NOW.plusSeconds(60), NOW.minusSeconds(60));
        task(false, false);
        assertWhyNot(LINK, "USED");

        link(NOW.plusSeconds(60), null);
        task(true, false);
        assertWhyNot(LINK, "USED");
    }

    @Test
    void aLinkOfAPartyEscalatedToThePrivacyTeamOpensNothing() {
        link(NOW.plusSeconds(60), null);
        task(false, true);

        assertWhyNot(LINK, "ENDED");
    }

    @Test
    void anExpiredLinkOpensNothing() {
        link(NOW.minusSeconds(1), null);
        task(false, false);

        assertWhyNot(LINK, "EXPIRED");
    }

    @Test
    void theAnswerEndsEveryLinkOfThePartyAndTheProcessStopsWaitingForIt() {
        ExternalPartyPage.Opened opened = new ExternalPartyPage.Opened(7L, "hosting-partner", "sv", request, List.of("digital"));
        when(tasks.answer(7L, "Anna", ExternalPartyAnswers.Outcome.DONE, "deleted", NOW)).thenReturn(true);

        assertThat(page.answer(opened, "Anna", ExternalPartyAnswers.Outcome.DONE, "deleted")).isTrue();

        verify(tokens).useAll(1L, TokenPurpose.EXTERNAL_PARTY, "hosting-partner");
        verify(process).externalPartyAnswered("pi-1", "hosting-partner");
    }

    @Test
    void aSecondAnswerChangesNothing() {
        ExternalPartyPage.Opened opened = new ExternalPartyPage.Opened(7L, "hosting-partner", "sv", request, List.of("digital"));
        when(tasks.answer(any(Long.class), any(), any(), any(), any())).thenReturn(false);

        assertThat(page.answer(opened, "Anna", ExternalPartyAnswers.Outcome.DONE, "deleted")).isFalse();

        verifyNoInteractions(process);
    }

    private void link(Instant expiresAt, Instant usedAt) {
        when(tokens.find(LINK, TokenPurpose.EXTERNAL_PARTY))
                .thenReturn(Optional.of(new TokenService.TokenState(1L, expiresAt, usedAt, NOW, "hosting-partner")));
    }

    private void task(boolean answered, boolean escalated) {
        when(tasks.find(1L, "hosting-partner")).thenReturn(Optional.of(new ExternalPartyTasks.Task(7L, 1L, "hosting-partner",
                List.of("digital"), NOW.minusSeconds(3600), answered, escalated)));
    }

    private void assertWhyNot(String link, String reason) {
        StringBuilder whyNot = new StringBuilder();
        assertThat(page.open(link, whyNot)).isEmpty();
        assertThat(whyNot).hasToString(reason);
    }
}
