package org.dsrflow.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.dsrflow.support.InvalidRequestException;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.deadlines.RequestDeadlines;
import org.dsrflow.support.InvalidRequestException.FieldProblem;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.verification.IdentityChecks;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestType;
import org.dsrflow.request.RestrictionGround;
import org.dsrflow.request.Language;
import org.dsrflow.request.Channel;
import org.dsrflow.request.RequestStatus;
import org.dsrflow.request.RequestRepository;

/**
 * Stores a new request and starts its process in one transaction: either both happen or neither.
 */
@Service
public class RequestIntakeService {

    private final RequestRepository requests;
    private final TokenService tokens;
    private final RequestProcessAdapter process;
    private final DeadlineService deadlines;
    private final DsrProperties properties;
    private final DsrProperties.Organisation organisation;
    private final Clock clock;
    private final org.dsrflow.config.Register register;
    private final IdentityChecks identityChecks;

    RequestIntakeService(RequestRepository requests, TokenService tokens, RequestProcessAdapter process,
                         DeadlineService deadlines, DsrProperties properties, Clock clock, org.dsrflow.config.Register register,
                         IdentityChecks identityChecks) {
        this.register = register;
        this.identityChecks = identityChecks;
        this.requests = requests;
        this.tokens = tokens;
        this.process = process;
        this.deadlines = deadlines;
        this.properties = properties;
        this.organisation = properties.organisation();
        this.clock = clock;
    }

    /** Checks what bean validation cannot: values that come from the organisation's configuration. */
    public void checkAgainstConfiguration(NewRequest input) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.site() != null && !organisation.sites().containsKey(input.site())) {
            problems.add(new FieldProblem("site", "must be one of " + String.join(", ", organisation.sites().keySet())));
        }
        java.util.List<String> types = java.util.Arrays.stream(RequestType.values()).map(Enum::name).toList();
        if (input.type() != null && !input.type().isBlank() && !types.contains(input.type())) {
            problems.add(new FieldProblem("type", "must be one of " + String.join(", ", types)));
        }
        java.util.Optional<RequestType> type = RequestType.named(input.type());
        if (type.filter(RequestType::requiresDetails).isPresent() && (input.details() == null || input.details().isBlank())) {
            problems.add(new FieldProblem("details", "is required for a " + type.get().key() + ": say what is wrong and what is right"));
        }
        if (input.ground() != null && !input.ground().isBlank()) {
            List<String> grounds = java.util.Arrays.stream(RestrictionGround.values()).map(Enum::name).toList();
            if (type.filter(RequestType::takesRestrictionGround).isEmpty()) {
                problems.add(new FieldProblem("ground", "is only for a " + String.join(" or ", java.util.Arrays.stream(RequestType.values())
                        .filter(RequestType::takesRestrictionGround).map(Enum::name).toList()) + " request"));
            } else if (!grounds.contains(input.ground())) {
                problems.add(new FieldProblem("ground", "must be one of " + String.join(", ", grounds)));
            }
        }
        if (input.language() != null && !input.language().isBlank() && !organisation.languages().contains(input.language())) {
            problems.add(new FieldProblem("language", "must be one of " + String.join(", ", organisation.languages())));
        }
        if (input.categories() != null) {
            for (int i = 0; i < input.categories().size(); i++) {
                String category = input.categories().get(i);
                if (category != null && !category.isBlank() && !organisation.categories().containsKey(category)) {
                    problems.add(new FieldProblem("categories[" + i + "]",
                            "must be one of " + String.join(", ", organisation.categoryIds())));
                }
            }
        }
        if (input.actingOnBehalf()) {
            if (input.agentName() == null || input.agentName().isBlank()) {
                problems.add(new FieldProblem("agentName", "is required when acting on someone's behalf"));
            }
            if (input.agentEmail() == null || input.agentEmail().isBlank()) {
                problems.add(new FieldProblem("agentEmail", "is required when acting on someone's behalf"));
            }
            if (!Boolean.TRUE.equals(input.authorisationConfirmed())) {
                problems.add(new FieldProblem("authorisationConfirmed", "must be confirmed when acting on someone's behalf"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /** A request received now, e.g. through the web form: {@code receivedOn} is today in the site's time zone. */
    @Transactional
    public Submitted submitReceivedToday(NewRequest input, Channel channel) {
        checkAgainstConfiguration(input);
        if (input.postalAddress() != null && !input.postalAddress().isBlank()) {
            throw new InvalidRequestException(List.of(new FieldProblem("postalAddress",
                    "is taken only by the privacy team's registration of a letter or a call; answers go to the email address")));
        }
        return store(input, channel, deadlines.today(input.site()), true, false);
    }

    /**
     * How the registrar knows who the person is, for a request registered from another channel: a check
     * made (the identity check's methods, recorded as verified by the registrar) or, with
     * {@link #EMAIL_LINK}, the usual confirmation link sent first (the request waits for it like a web
     * request). Without either, nobody would have checked who asked (GDPR recital 64, Art. 12(6)).
     */
    public static final List<String> IDENTITY_CHECKS = List.of("KNOWLEDGE", "CALL_BACK", "ID_SEEN", "EMAIL_LINK");
    public static final String EMAIL_LINK = "EMAIL_LINK";

    /**
     * A request registered by the privacy team from another channel (email, post, phone) with its
     * real date of receipt: not in the future, not before the registration limit; with how its
     * identity was checked ({@link #IDENTITY_CHECKS}), or the confirmation link to send first;
     * {@code decideFirst}: the privacy team decides before any department acts (the triage).
     */
    @Transactional
    public Submitted register(NewRequest input, Channel channel, LocalDate receivedOn, String identityCheck, boolean decideFirst,
                              String registrar) {
        checkAgainstConfiguration(input);
        List<FieldProblem> problems = new ArrayList<>();
        if (channel == null || channel == Channel.WEB) {
            problems.add(new FieldProblem("channel", "must be one of EMAIL, POST, PHONE"));
        }
        if (receivedOn == null) {
            problems.add(new FieldProblem("receivedOn", "is required (YYYY-MM-DD)"));
        } else {
            LocalDate today = deadlines.today(input.site());
            LocalDate earliest = today.minusDays(properties.deadlines().registrationLimit().toDays());
            if (receivedOn.isAfter(today)) {
                String site = input.site() == null ? "" : " in " + register.forStaff().site(input.site()).name();
                problems.add(new FieldProblem("receivedOn", "must not be in the future: " + receivedOn + " is after today ("
                        + today + site + ")"));
            } else if (receivedOn.isBefore(earliest)) {
                problems.add(new FieldProblem("receivedOn", "must not be before " + earliest));
            }
        }
        if (identityCheck == null || identityCheck.isBlank()) {
            problems.add(new FieldProblem("identityCheck", "is required: say how you checked who the person is ("
                    + String.join(", ", IDENTITY_CHECKS.subList(0, 3)) + "), or choose " + EMAIL_LINK
                    + " to send them the confirmation link first; until one of these, no department is asked"));
        } else if (!IDENTITY_CHECKS.contains(identityCheck)) {
            problems.add(new FieldProblem("identityCheck", "must be one of " + String.join(", ", IDENTITY_CHECKS)));
        } else if (EMAIL_LINK.equals(identityCheck) && (input.email() == null || input.email().isBlank())) {
            problems.add(new FieldProblem("identityCheck", "the confirmation link needs an email address: give one, or check "
                    + "the person's identity another way"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        boolean confirmByLink = EMAIL_LINK.equals(identityCheck);
        Submitted submitted = store(input, channel, receivedOn, confirmByLink, decideFirst);
        if (!confirmByLink) {
            identityChecks.recordAtRegistration(submitted.request().id(), identityCheck, registrar, clock.instant());
        }
        return submitted;
    }

    private Submitted store(NewRequest input, Channel channel, LocalDate receivedOn, boolean confirmationRequired,
                            boolean decideFirst) {
        List<String> categories = input.categories() == null || input.categories().isEmpty()
                ? organisation.categoryIds()
                : List.copyOf(new LinkedHashSet<>(input.categories()));
        DsrRequest request = requests.insert(RequestType.valueOf(input.type()), input.site(),
                Language.valueOf(input.language()), channel, input.name().strip(), blankToNull(input.email()),
                categories, blankToNull(input.details()), receivedOn,
                // A request registered by staff with its identity checked is worked on from the start.
                confirmationRequired ? RequestStatus.AWAITING_CONFIRMATION : RequestStatus.IN_PROGRESS, clock.instant());
        if (input.postalAddress() != null && !input.postalAddress().isBlank()) {
            requests.recordPostalAddress(request.id(), input.postalAddress().strip());
        }
        if (input.actingOnBehalf()) {
            requests.recordAgent(request.id(), input.agentName().strip(), input.agentEmail().strip());
        }
        if (input.ground() != null && !input.ground().isBlank()) {
            requests.recordRestrictionGround(request.id(), RestrictionGround.valueOf(input.ground()));
        }
        request = requests.findById(request.id()).orElseThrow();
        String statusKey = tokens.issue(request.id(), TokenPurpose.STATUS, null);
        process.start(request, confirmationRequired, decideFirst); // binds the instance to the request (IntakeOnlyStart)
        // Everything the answer shows is read here, inside the transaction: once it commits, nothing
        // is left that could fail and turn a stored request into an error for the requester.
        return new Submitted(requests.findById(request.id()).orElseThrow(), deadlines.current(request.id()), statusKey);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The stored request, its deadlines, and the status key, shown once to whoever submitted it. */
    public record Submitted(DsrRequest request, RequestDeadlines deadlines, String statusKey) {

        public RequestView view() {
            return RequestView.of(request, deadlines, statusKey);
        }
    }

}
