package org.dsrflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RegisterRequestProcess;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Creates, at start-up and only where missing, the groups (privacy, managers, one per department),
 * the administrator, the demo users (default profile), the authorizations of each group and a
 * Tasklist filter per group. Idempotent: every node of a cluster runs it.
 */
@Component
class IdentitySetup implements InitializingBean {

    private static final String TASKLIST = "tasklist";
    private static final String COCKPIT = "cockpit";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final DsrProperties properties;
    private final StartupReport report;

    IdentitySetup(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                  TaskService tasks, DsrProperties properties,
                  StartupReport report) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.properties = properties;
        this.report = report;
    }

    @Override
    public void afterPropertiesSet() {
        Map<String, String> groups = staffGroups();
        createGroup(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
        groups.forEach((id, name) -> createGroup(id, name, Groups.GROUP_TYPE_WORKFLOW));

        String generated = null;
        String adminPassword = properties.admin().password();
        if (adminPassword == null || adminPassword.isBlank()) {
            generated = generatePassword();
            adminPassword = generated;
        }
        upsertUser(properties.admin().user(), "Administrator", adminPassword, Groups.CAMUNDA_ADMIN);
        report.admin(properties.admin().user(), generated);

        grantAdministrators();
        grantPrivacyTeam();
        grantManagers();
        properties.organisation().departments().keySet().forEach(this::grantDepartment);
        groups.forEach((id, name) -> createTaskFilter(id, name));

        if (properties.demo().enabled()) {
            String demoPassword = properties.demo().password();
            boolean demoGenerated = demoPassword == null || demoPassword.isBlank();
            if (demoGenerated) {
                demoPassword = generated != null ? generated : generatePassword();
            }
            List<String> users = new ArrayList<>();
            for (Map.Entry<String, String> group : groups.entrySet()) {
                String userId = demoUserId(group.getKey());
                upsertUser(userId, group.getValue(), demoPassword, group.getKey());
                users.add(userId);
            }
            report.demoUsers(users, demoGenerated ? demoPassword : null);
        }
    }

    /** The demo user of a group: the group id, except "manager" for the managers. */
    static String demoUserId(String groupId) {
        return StaffGroups.MANAGERS.equals(groupId) ? "manager" : groupId;
    }

    private Map<String, String> staffGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(StaffGroups.PRIVACY, "Privacy team");
        groups.put(StaffGroups.MANAGERS, "Managers");
        properties.organisation().departments().forEach((id, department) -> groups.put(id, department.name()));
        return groups;
    }

    private void grantAdministrators() {
        for (Resource resource : Resources.values()) {
            grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
        }
    }

    private void grantPrivacyTeam() {
        String group = StaffGroups.PRIVACY;
        grant(group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
        grant(group, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
        grantReadAll(group);
        // The privacy team owns the requests: it starts them and records the requester's replies.
        grant(group, Resources.PROCESS_DEFINITION, DataSubjectRequestProcess.KEY, Permissions.CREATE_INSTANCE,
                Permissions.UPDATE_INSTANCE);
        grant(group, Resources.PROCESS_DEFINITION, RegisterRequestProcess.KEY, Permissions.CREATE_INSTANCE);
        grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }

    private void grantManagers() {
        String group = StaffGroups.MANAGERS;
        grant(group, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
        grantReadAll(group);
    }

    /** Read-only view of every request, its history, incidents and decisions: what Cockpit shows. */
    private void grantReadAll(String group) {
        grant(group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE, Permissions.READ_HISTORY);
        grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(group, Resources.TASK, ANY, Permissions.READ);
        grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
    }

    /**
     * A department opens Tasklist and reads the process definition (its name); it sees and works on
     * its own tasks only through the engine's candidate-group authorization (TASK_WORK).
     */
    private void grantDepartment(String group) {
        grant(group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
        grant(group, Resources.PROCESS_DEFINITION, DataSubjectRequestProcess.KEY, Permissions.READ);
    }

    private void createTaskFilter(String group, String groupName) {
        String name = groupName + " tasks";
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            Map<String, Object> filterProperties = new LinkedHashMap<>();
            filterProperties.put("description", "Open tasks of the group " + groupName);
            filterProperties.put("priority", StaffGroups.PRIVACY.equals(group) ? -10 : 0);
            filterProperties.put("refresh", true);
            filter = filters.newTaskFilter(name)
                    .setOwner(properties.admin().user())
                    .setProperties(filterProperties)
                    .setQuery(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().active());
            filters.saveFilter(filter);
        }
        grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }

    private void createGroup(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
        }
    }

    private void upsertUser(String id, String displayName, String password, String groupId) {
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identity.newUser(id);
            user.setFirstName(displayName);
            user.setLastName(id.equals(properties.admin().user()) ? "" : "(demo)");
            user.setEmail(id + "@localhost");
        }
        user.setPassword(password);
        identity.saveUser(user);
        if (identity.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(id, groupId);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .list().stream().findFirst().orElse(null);
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (Arrays.stream(permissions).allMatch(authorization::isPermissionGranted)) {
            return;
        }
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private static String generatePassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
