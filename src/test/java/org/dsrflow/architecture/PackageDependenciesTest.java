package org.dsrflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrflow.testsupport.Lanes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The house: dsr-flow's packages depend on each other in one direction only, from the public pages
 * at the top down to the settings at the bottom:
 * <pre>
 * requester (public pages), casefile (the staff request page; uses every package but requester)
 * inbox (the privacy mailboxes: reading, the new-message task; uses intake and notification)
 * intake, response (the answer is assembled here), review (questions and fees before the answer)
 * notification (renders a prepared model and sends it)
 * evidence (the requester's identity evidence: on the departments' file foundation)
 * systems (the departments' systems searched and acted on in the request process: runs, the worker, the department's page)
 * departments, deadlines, sla
 * verification, security, retention, cluster
 * process (the engine's names and variables)
 * worker (the separate worker process, next to the data: only the connectors, the settings and support; nothing uses it)
 * connectors (the organisation's systems, searched and acted on; uses only the settings and support)
 * request (the core: the request's record and table)
 * support, config (settings and the register)
 * </pre>
 * Inside security, rooms with one concern each, one-way too:
 * <pre>
 * web (filters in front of staff requests, the staff API's and pages' access checks, the webapp plugin)
 * setup (groups, accounts, authorizations, filters and checks at start-up)
 * sso (single sign-on)              guard (least privilege inside the engine)
 * security itself: the staff groups every room names
 * </pre>
 * Mail is written and sent in one room of notification (the delivery, MIME, the transports).
 */
@Tag(Lanes.FIRST) // balances the two test JVMs (testsupport/Lanes)
class PackageDependenciesTest {

    static final List<String> PACKAGES = List.of("config", "support", "connectors", "worker", "request", "process", "cluster", "retention",
            "security", "verification", "deadlines", "departments", "evidence", "systems", "sla", "notification", "intake", "response", "review", "inbox", "casefile", "requester");

    static JavaClasses classes;

    @BeforeAll
    static void read() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.dsrflow");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.dsrflow.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSettingsAndTheRegisterDependOnNoOtherPackage() {
        onlyOn("config");
    }

    @Test
    void theRequestRecordIsACoreThatDependsOnlyOnSupport() {
        onlyOn("request", "support", "config");
    }

    @Test
    void theConnectorsDependOnlyOnTheSettingsAndSupport() {
        onlyOn("connectors", "config", "support");
    }

    /**
     * The separate worker process runs the connectors next to the data and talks to the engine only through Camunda's
     * external task client: no engine, no web server, nothing of the application above the connectors; and nothing in the
     * application uses it.
     */
    @Test
    void theWorkerProcessUsesOnlyTheConnectorsTheSettingsAndSupportAndNeverTheEngine() {
        onlyOn("worker", "connectors", "config", "support");
        noClasses().that().resideInAPackage("org.dsrflow.worker..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine..", "org.springframework.web..",
                        "org.springframework.boot.web..", "org.springframework.context.annotation..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("org.dsrflow.worker..")
                .should().dependOnClassesThat().resideInAPackage("org.dsrflow.worker..")
                .check(classes);
    }

    @Test
    void supportDependsOnlyOnTheSettings() {
        onlyOn("support", "config");
    }

    @Test
    void theProcessPackageKnowsOnlyTheRequestRecord() {
        onlyOn("process", "request", "config");
    }

    @Test
    void correspondenceRendersAPreparedModelAndKnowsNothingOfAnswersOrPages() {
        noClasses().that().resideInAPackage("org.dsrflow.notification..")
                .should().dependOnClassesThat().resideInAnyPackage(packages("response", "intake", "requester", "departments"))
                .check(classes);
    }

    /**
     * Only the reply page and a reply by email (which take the files) and the request page (which shows what is left of
     * them) use the evidence.
     */
    @Test
    void onlyTheReplyAndRequestPagesUseTheIdentityEvidence() {
        noClasses().that().resideOutsideOfPackages("org.dsrflow.evidence..", "org.dsrflow.requester..", "org.dsrflow.casefile..",
                        "org.dsrflow.inbox..")
                .should().dependOnClassesThat().resideInAPackage("org.dsrflow.evidence..")
                .check(classes);
    }

    @Test
    void nothingDependsOnThePublicPages() {
        noClasses().that().resideOutsideOfPackage("org.dsrflow.requester..")
                .should().dependOnClassesThat().resideInAPackage("org.dsrflow.requester..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheRequestPageAndItDoesNotUseThePublicPages() {
        noClasses().that().resideOutsideOfPackage("org.dsrflow.casefile..")
                .should().dependOnClassesThat().resideInAPackage("org.dsrflow.casefile..")
                .check(classes);
        noClasses().that().resideInAPackage("org.dsrflow.casefile..")
                .should().dependOnClassesThat().resideInAPackage("org.dsrflow.requester..")
                .check(classes);
    }

    @Test
    void theSecurityRoomsHaveNoCycles() {
        slices().matching("org.dsrflow.security.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEngineGuardKnowsNothingOfSignInTheWebEntryOrTheSetUp() {
        noClasses().that().resideInAPackage("org.dsrflow.security.guard..")
                .should().dependOnClassesThat().resideInAnyPackage(securityRooms("sso", "web", "setup"))
                .check(classes);
    }

    @Test
    void singleSignOnDoesNotReachIntoTheGuardTheWebEntryOrTheSetUp() {
        noClasses().that().resideInAPackage("org.dsrflow.security.sso..")
                .should().dependOnClassesThat().resideInAnyPackage(securityRooms("guard", "web", "setup"))
                .check(classes);
    }

    @Test
    void theSetUpKnowsOnlySingleSignOnOfTheOtherRooms() {
        noClasses().that().resideInAPackage("org.dsrflow.security.setup..")
                .should().dependOnClassesThat().resideInAnyPackage(securityRooms("guard", "web"))
                .check(classes);
    }

    @Test
    void theWebEntryDoesNotUseTheSetUp() {
        noClasses().that().resideInAPackage("org.dsrflow.security.web..")
                .should().dependOnClassesThat().resideInAnyPackage(securityRooms("setup"))
                .check(classes);
    }

    /**
     * The request processes' runtime, tasks, history, jobs, forms and deployments are reached through the process
     * API classes in {@code process/} (the adapter, RequestTasks, RequestHistory, the organisation's deployment);
     * the security set-up builds its Tasklist filters from task queries.
     */
    @Test
    void theEngineIsReachedOnlyThroughTheProcessApi() {
        noClasses().that().resideOutsideOfPackages("org.dsrflow.process..", "org.dsrflow.security.setup..")
                .should().dependOnClassesThat().belongToAnyOf(RuntimeService.class, TaskService.class, HistoryService.class,
                        ManagementService.class, RepositoryService.class, FormService.class, DecisionService.class,
                        ExternalTaskService.class)
                .check(classes);
    }

    /** The staff groups are the words every security room shares; they know none of the rooms. */
    @Test
    void theStaffGroupsKnowNoSecurityRoom() {
        noClasses().that().resideInAPackage("org.dsrflow.security")
                .should().dependOnClassesThat().resideInAnyPackage(securityRooms("guard", "sso", "web", "setup"))
                .check(classes);
    }

    /** Nothing but the request page uses the privacy mailboxes' room (it lists a request's emails). */
    @Test
    void nothingButTheRequestPageDependsOnTheInbox() {
        noClasses().that().resideOutsideOfPackages("org.dsrflow.inbox..", "org.dsrflow.casefile..")
                .should().dependOnClassesThat().resideInAPackage("org.dsrflow.inbox..")
                .check(classes);
    }

    /**
     * One room writes and sends mail: the delivery, its MIME messages and the transports (SMTP, the development mailbox);
     * one reads it: the privacy mailboxes' room (inbox).
     */
    @Test
    void onlyTheDeliveryAndItsTransportsTouchMail() {
        Set<String> mailRoom = Stream.of("EmailDelivery", "MimeMessages", "RecordingSmtpTransport", "DevMailbox")
                .map(name -> "org.dsrflow.notification." + name).collect(Collectors.toSet());
        noClasses().that(DescribedPredicate.describe("are not of the delivery or its transports",
                        (JavaClass type) -> !mailRoom.contains(type.getName().replaceFirst("\\$.*", ""))
                                && !type.getPackageName().startsWith("org.dsrflow.inbox")))
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.springframework.mail..")
                .check(classes);
    }

    /** The systems' runs build on the departments' work and the connectors; only the answer and the request page read them. */
    @Test
    void theSystemsRunsBuildOnTheDepartmentsAndTheConnectors() {
        onlyOn("systems", "config", "support", "connectors", "request", "process", "security", "departments");
        noClasses().that().resideOutsideOfPackages("org.dsrflow.systems..", "org.dsrflow.response..", "org.dsrflow.casefile..")
                .should().dependOnClassesThat().resideInAPackage("org.dsrflow.systems..")
                .check(classes);
    }

    /** The rest of dsr-flow asks security only who may use a staff endpoint or page, and names its groups. */
    @Test
    void outsideSecurityOnlyTheWebEntryAndTheStaffGroupsAreUsed() {
        noClasses().that().resideOutsideOfPackage("org.dsrflow.security..")
                .should().dependOnClassesThat().resideInAnyPackage(securityRooms("guard", "sso", "setup"))
                .check(classes);
    }

    /** Classes of {@code pkg} use, of dsr-flow's packages, only the allowed ones. */
    private static void onlyOn(String pkg, String... allowed) {
        List<String> forbidden = PACKAGES.stream().filter(other -> !other.equals(pkg))
                .filter(other -> Stream.of(allowed).noneMatch(other::equals)).toList();
        noClasses().that().resideInAPackage("org.dsrflow." + pkg + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(forbidden.toArray(String[]::new)))
                .check(classes);
    }

    private static String[] securityRooms(String... names) {
        return Stream.of(names).map(name -> "org.dsrflow.security." + name + "..").toArray(String[]::new);
    }

    private static String[] packages(String... names) {
        return Stream.of(names).map(name -> "org.dsrflow." + name + "..").toArray(String[]::new);
    }
}
