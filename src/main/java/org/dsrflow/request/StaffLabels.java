package org.dsrflow.request;

import org.dsrflow.config.Register;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words staff read instead of codes (ERASURE, SE, webdigital): request types and restriction
 * grounds from the {@code staff.*} messages, sites and departments from the register. English, like
 * Camunda's webapps (the register's staff language). Used by task names, Tasklist forms and staff emails.
 */
@Component
public class StaffLabels {

    private final MessageSource messages;
    private final Register register;

    public StaffLabels(MessageSource messages, Register register) {
        this.messages = messages;
        this.register = register;
    }

    /** "Erasure", "Marketing objection"; an unknown code stays as it is. */
    public String type(String type) {
        return type == null ? "" : messages.getMessage("staff.request-type." + type, null, type, Locale.ENGLISH);
    }

    /** "Erasure (Art. 17)": the type with the article that gives the right, for overviews. */
    public String typeWithArticle(String type) {
        return RequestType.named(type).map(value -> type(type) + " (" + value.article() + ")").orElse(type(type));
    }

    /** A request's stage in words, "Identity check"; an unknown code stays as it is. */
    public String stage(String status) {
        return messages.getMessage("staff.request.stage." + status, null, status, Locale.ENGLISH);
    }

    /** The site's name, "Sweden"; an unknown code stays as it is. */
    public String site(String site) {
        return site != null && register.siteCodes().contains(site) ? register.forStaff().site(site).name() : String.valueOf(site);
    }

    /**
     * The language the requester reads, as staff who write to them must know it: "Swedish (svenska)",
     * "English". Forms show it beside every field whose text reaches the requester.
     */
    public String language(Language language) {
        Locale locale = language.locale();
        String english = locale.getDisplayLanguage(Locale.ENGLISH);
        String own = locale.getDisplayLanguage(locale);
        return own.isBlank() || own.equalsIgnoreCase(english) ? english : english + " (" + own + ")";
    }

    /** The department's name, "Web & digital"; an unknown key stays as it is. */
    public String department(String department) {
        return register.forStaff().departmentName(department);
    }

    /** The requester's ground for a restriction (Art. 18(1)), "Not stated" without one. */
    public String restrictionGround(String ground) {
        String key = ground == null || ground.isBlank() || ground.equals("not stated") ? "none" : ground;
        return messages.getMessage("staff.restriction-ground." + key, null, ground, Locale.ENGLISH);
    }

    /** A staff message, e.g. {@code text("staff.sla.due.overdue")}. */
    public String text(String key) {
        return messages.getMessage(key, null, Locale.ENGLISH);
    }

    /** A staff message with arguments. */
    public String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.ENGLISH);
    }
}
