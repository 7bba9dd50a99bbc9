package org.dsrflow.sla;

import java.util.Locale;
import org.dsrflow.config.Register;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words staff read for codes: request types and stages ({@code staff.*} messages, English like the
 * staff side), sites and departments (the processing register in the staff language). A code without
 * words (a site the register no longer lists) stays as it is rather than hiding the row.
 */
@Component
class StaffLabels {

    private final MessageSource messages;
    private final Register register;

    StaffLabels(MessageSource messages, Register register) {
        this.messages = messages;
        this.register = register;
    }

    String type(String code) {
        return messages.getMessage("staff.request.type." + code, null, code, Locale.ENGLISH);
    }

    String stage(String code) {
        return messages.getMessage("staff.request.stage." + code, null, code, Locale.ENGLISH);
    }

    String text(String key) {
        return messages.getMessage(key, null, Locale.ENGLISH);
    }

    String site(String code) {
        return register.siteCodes().contains(code) ? register.forStaff().site(code).name() : code;
    }

    String department(String id) {
        return register.forStaff().departmentName(id);
    }
}
