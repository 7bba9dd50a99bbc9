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

    /** This web request, with its acknowledgement sent and its email confirmed; returns its reference. */
    public static String confirmed(RequestIntakeService intake, ManagementService management, RequestProcessAdapter process,
                                   NewRequest request) {
        String reference = intake.submitReceivedToday(request, Channel.WEB).request().reference();
        Jobs.executeDue(management);
        process.emailConfirmed(reference);
        return reference;
    }
}
