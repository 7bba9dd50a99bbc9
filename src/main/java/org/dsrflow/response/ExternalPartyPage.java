package org.dsrflow.response;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.departments.DepartmentAnswer;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestType;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a processor's or recipient's page does with its link (no Camunda account): opens the party's task while
 * the link is known, unused and unexpired and the task still waits for the party; shows who the person is, a
 * limited number of times; and takes the party's answer once, after which every link of the party ends and the
 * request's process stops waiting for it.
 */
@Component
public class ExternalPartyPage {

    /** What a link opens: the party's task, and the request it is about. */
    public record Opened(long taskId, String party, String language, DsrRequest request, List<String> categories) {
    }

    /** Whether the person's name and email address were shown this time, how often now, and at most. */
    public record IdentifiersShown(boolean shown, int views, int maxViews) {
    }

    private final TokenService tokens;
    private final ExternalPartyTasks tasks;
    private final RequestRepository requests;
    private final DsrProperties properties;
    private final RequestProcessAdapter process;
    private final Clock clock;
    private final int identifierViews;
    private final DepartmentResultRepository results;

    ExternalPartyPage(TokenService tokens, ExternalPartyTasks tasks, RequestRepository requests, DsrProperties properties,
                      RequestProcessAdapter process, Clock clock, DepartmentResultRepository results,
                      @Value("${dsr.external-parties.identifier-views:3}") int identifierViews) {
        this.results = results;
        this.tokens = tokens;
        this.tasks = tasks;
        this.requests = requests;
        this.properties = properties;
        this.process = process;
        this.clock = clock;
        this.identifierViews = identifierViews;
    }

    /**
     * The party's task behind a link, if the link is known, unused and unexpired and its task still waits for
     * the party; otherwise why not: UNKNOWN, USED (answered), ENDED (the privacy team was told it did not
     * answer), EXPIRED. Opening changes nothing.
     */
    public Optional<Opened> open(String token, StringBuilder whyNot) {
        if (token == null || token.isBlank()) {
            whyNot.append("UNKNOWN");
            return Optional.empty();
        }
        Optional<TokenService.TokenState> link = tokens.find(token, TokenPurpose.EXTERNAL_PARTY);
        Optional<ExternalPartyTasks.Task> task = link.flatMap(state -> tasks.find(state.requestId(), state.holder()));
        if (task.isEmpty()) {
            whyNot.append("UNKNOWN");
            return Optional.empty();
        }
        if (link.get().isUsed() || task.get().answered()) {
            whyNot.append("USED");
            return Optional.empty();
        }
        if (task.get().escalated()) {
            whyNot.append("ENDED");
            return Optional.empty();
        }
        if (link.get().expiresAt().isBefore(clock.instant())) {
            whyNot.append("EXPIRED");
            return Optional.empty();
        }
        String party = task.get().party();
        return Optional.of(new Opened(task.get().id(), party, properties.organisation().languageOf(party),
                requests.findById(task.get().requestId()).orElseThrow(), task.get().categories()));
    }

    /** The language of the party behind a known link, used or not: its pages speak it. */
    public Optional<String> languageOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return tokens.find(token, TokenPurpose.EXTERNAL_PARTY).map(TokenService.TokenState::holder)
                .map(properties.organisation()::languageOf);
    }

    /**
     * The party asked to see who the person is: counted, and allowed while it has been shown fewer than
     * {@code dsr.external-parties.identifier-views} times for this party (over all its links) and the
     * task still waits for the party's answer.
     */
    @Transactional
    public IdentifiersShown showIdentifiers(Opened opened) {
        return tasks.showIdentifiers(opened.taskId(), identifierViews, clock.instant());
    }

    /**
     * A rectification: what was corrected in each of the party's categories, by the departments that
     * corrected it (Art. 19: the party can do the same only if it knows what). Shown with the person's name
     * and address, behind the same counted button: personal data never goes into the email. Empty for
     * every other right, and for categories where nothing was corrected.
     */
    public Map<String, List<String>> corrections(Opened opened) {
        Map<String, List<String>> corrections = new LinkedHashMap<>();
        if (opened.request().type() != RequestType.RECTIFICATION) {
            return corrections;
        }
        for (DepartmentResult result : results.findByRequest(opened.request().id())) {
            for (String category : opened.categories()) {
                DepartmentAnswer.Category answered = result.answer().category(category);
                if (answered.action().filter(DepartmentAnswer.Action.corrected::equals).isPresent()
                        && answered.correction() != null && !answered.correction().isBlank()) {
                    corrections.computeIfAbsent(category, key -> new ArrayList<>()).add(answered.correction().strip());
                }
            }
        }
        return corrections;
    }

    /** How often the person's name and email address may be shown to a party. */
    public int identifierViews() {
        return identifierViews;
    }

    /**
     * Records the party's answer once: every link of the party stops working, and the process stops
     * waiting for it. False when the task was answered meanwhile or its wait is over (escalated).
     */
    @Transactional
    public boolean answer(Opened opened, String answeredBy, ExternalPartyAnswers.Outcome outcome, String statement) {
        Instant now = clock.instant();
        if (!tasks.answer(opened.taskId(), answeredBy, outcome, statement, now)) {
            return false;
        }
        tokens.useAll(opened.request().id(), TokenPurpose.EXTERNAL_PARTY, opened.party());
        process.externalPartyAnswered(opened.request().processInstanceId(), opened.party());
        return true;
    }
}
