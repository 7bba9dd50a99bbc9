package org.dsrflow.notification;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.StaffLabels;
import org.dsrflow.support.PublicLinks;
import org.springframework.stereotype.Component;

/**
 * Decides an email's {@link Addressee} from its kind's audience, in one place: requesters in their language,
 * a processor or recipient in the language the register gives it, staff in English (the staff side, like
 * Camunda's webapps). Staff emails carry the reference, dates and links, never the requester's personal data.
 */
@Component
class Addressees {

    private final DsrProperties properties;
    private final Register register;
    private final PublicLinks links;
    private final StaffLabels labels;

    Addressees(DsrProperties properties, Register register, PublicLinks links, StaffLabels labels) {
        this.properties = properties;
        this.register = register;
        this.links = links;
        this.labels = labels;
    }

    /** Fails (the send is retried) for a party or department the register no longer gives an address. */
    Addressee of(DsrRequest request, EmailKind kind, EmailContext context) {
        return switch (kind.audience()) {
            case REQUESTER -> new Addressee(request.requesterEmail(), request.language().locale(),
                    register.in(request.language().name()), model("name", request.requesterName()));
            case EXTERNAL_PARTY -> {
                String party = context.externalParty();
                String address = partyContact(party, kind);
                String language = properties.organisation().languageOf(party);
                Register.InLanguage texts = register.in(language);
                // Greeted by the register's name for it; no staff links.
                yield new Addressee(address, Locale.forLanguageTag(language), texts, model("name", texts.recipient(party).name()));
            }
            // Art. 20(2): in English (a business address the requester named; the request's language need not be its
            // language), greeted by the name the requester gave it.
            case OTHER_CONTROLLER -> new Addressee(context.otherController().address(), Locale.ENGLISH, register.forStaff(),
                    model("name", context.otherController().name()));
            case PRIVACY_TEAM -> staff(properties.notifications().privacyTeam(), request, true);
            case MANAGERS -> staff(properties.notifications().managers(), request, true);
            // Departments work in Tasklist only: Cockpit is not theirs.
            case DEPARTMENT -> staff(departmentAddress(context.department(), kind), request, false);
        };
    }

    private Addressee staff(String address, DsrRequest request, boolean cockpit) {
        Map<String, Object> model = model("typeLabel", labels.type(request.type().name()));
        if (cockpit) {
            model.put("cockpitUrl", links.to("/camunda/app/cockpit/default/#/process-instance/" + request.processInstanceId() + "/runtime"));
        }
        model.put("tasklistUrl", links.to("/camunda/app/tasklist/default/"));
        return new Addressee(address, Locale.ENGLISH, register.forStaff(), model);
    }

    private String partyContact(String party, EmailKind kind) {
        DsrProperties.Recipient recipient = properties.organisation().recipients().get(party);
        if (recipient == null || recipient.contact() == null || recipient.contact().isBlank()) {
            throw new IllegalStateException("no contact address for the party '" + party + "' of " + kind);
        }
        return recipient.contact();
    }

    private String departmentAddress(String id, EmailKind kind) {
        DsrProperties.Department department = properties.organisation().departments().get(id);
        if (department == null) {
            throw new IllegalStateException("no department '" + id + "' for " + kind);
        }
        return department.email();
    }

    /** Values may be null (the templates then show nothing). */
    private static Map<String, Object> model(String name, Object value) {
        Map<String, Object> model = new HashMap<>();
        model.put(name, value);
        return model;
    }
}
