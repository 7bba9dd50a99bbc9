package org.dsrflow.testsupport;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.dsrflow.request.Channel;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;

/** Test requests in a known state, made through the application's own services. */
public final class Requests {

    private Requests() {
    }

    /** A web request by "Test Person" whose acknowledgement was sent and whose email is confirmed; returns its reference. */
    public static String confirmed(RequestIntakeService intake, ManagementService management, RequestProcessAdapter process,
                                   String type, String site, String language, List<String> categories) {
        return confirmed(intake, management, process, new NewRequest(type, "Test Person", "person@example.com", site,
                language, categories, null));
    }

    private static final java.util.concurrent.atomic.AtomicInteger PEOPLE = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * An address no other request of this run has: a second answered request of a right from one address is a
     * repeat (Art. 12(5)) and waits for the privacy team's triage, which a test about something else must not meet.
     */
    public static String newAddress(String who) {
        return who + "." + PEOPLE.incrementAndGet() + "@example.com";
    }

    /** This web request, with its acknowledgement sent and its email confirmed; returns its reference. */
    public static String confirmed(RequestIntakeService intake, ManagementService management, RequestProcessAdapter process,
                                   NewRequest request) {
        String reference = intake.submitReceivedToday(request, Channel.WEB).request().reference();
        Jobs.executeDue(management);
        process.emailConfirmed(reference);
        return reference;
    }
}
