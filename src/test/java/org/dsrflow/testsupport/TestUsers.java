package org.dsrflow.testsupport;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Staff accounts for tests, one per group: {@code test<group>}. Created through Camunda's identity
 * service like an administrator would in Camunda Admin (the prod profile has no demo users).
 */
public final class TestUsers {

    public static final String PASSWORD = "test-password-1";
    public static final List<String> GROUPS = List.of("privacy", "managers", "sales", "marketing", "support",
            "training", "events", "webdigital", "finance", "system-workers");

    private TestUsers() {
    }

    /** The test user of a group; a user id has letters and digits only (system-workers: testsystemworkers). */
    public static String of(String group) {
        return "test" + group.replace("-", "");
    }

    public static String auth(String group) {
        return Http.basic(of(group), PASSWORD);
    }

    public static void ensure(IdentityService identity) {
        for (String group : GROUPS) {
            String id = of(group);
            if (identity.createUserQuery().userId(id).count() == 0) {
                User user = identity.newUser(id);
                user.setFirstName(group);
                user.setLastName("tester");
                user.setPassword(PASSWORD);
                identity.saveUser(user);
                identity.createMembership(id, group);
            }
        }
    }
}
