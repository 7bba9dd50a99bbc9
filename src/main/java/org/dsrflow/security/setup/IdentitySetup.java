package org.dsrflow.security.setup;

import org.dsrflow.security.StaffGroups;
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
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
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
        createGroup(StaffGroups.SYSTEM_WORKERS, "System workers (separate worker processes)", Groups.GROUP_TYPE_SYSTEM);
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
        grantSystemWorkers();
        properties.organisation().departments().keySet().forEach(this::grantDepartment);
        groups.forEach((id, name) -> createTaskFilter(id, name));
        letTaskWorkersReadTheirTasksVariables();

        if (properties.demo().enabled()) {
            String demoPassword = properties.demo().password();
            boolean demoGenerated = demoPassword == null || demoPassword.isBlank();
            if (demoGenerated || demoPassword.equals(adminPassword)) {
                // Never the administrator's password: a demo account must not open Admin.
                demoPassword = generatePassword();
                demoGenerated = true;
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
        properties.organisation().departments().forEach((id, department) -> groups.put(id,
                department.name().in(properties.organisation().staffLanguage())));
        return groups;
    }

    private void grantAdministrators() {
        for (Resource resource : Resources.values()) {
            grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
        }
    }

    /**
     * The privacy team owns the requests: it reads everything about them (also variables and their
     * history), works its own tasks (TASK_WORK from the engine, as candidate group) and retries a
     * failed email. It registers requests through the registration start form or the staff API,
     * which start the request process as the application: it holds no permission to start, modify
     * or write variables of a request instance itself.
     */
    private void grantPrivacyTeam() {
        String group = StaffGroups.PRIVACY;
        grant(group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
        grant(group, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
        // Variables and decision history (the decisions' inputs: type, site, categories) are the owner's.
        grantReadAll(group, true, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE);
        grant(group, Resources.PROCESS_DEFINITION, DataSubjectRequestProcess.KEY, ProcessDefinitionPermissions.RETRY_JOB);
        grant(group, Resources.PROCESS_DEFINITION, RegisterRequestProcess.KEY, Permissions.CREATE_INSTANCE);
        // A question to the requester at any time (the request's process is told as the application).
        grant(group, Resources.PROCESS_DEFINITION, org.dsrflow.process.AskRequesterProcess.KEY, Permissions.CREATE_INSTANCE);
        // Lifting a restriction (Art. 18(3)): started by the privacy team, its task is the privacy team's.
        grant(group, Resources.PROCESS_DEFINITION, org.dsrflow.process.RestrictionLiftingProcess.KEY, Permissions.CREATE_INSTANCE);
        grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.READ, Permissions.CREATE);
    }

    /** Managers follow requests, incidents and figures; no variables (findings, comments, answers) at all. */
    private void grantManagers() {
        String group = StaffGroups.MANAGERS;
        grant(group, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
        grantReadAll(group, false);
        grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    }

    /**
     * A separate worker process fetches and locks the request process's system tasks through the REST API and extends its
     * locks: the engine asks READ_INSTANCE and UPDATE_INSTANCE on the process for both (FetchExternalTasksCmd, through
     * the authorization check of AuthorizationManager#configureExternalTaskFetch; ExtendLockOnExternalTaskCmd, through
     * checkUpdateProcessInstanceById). No Tasklist or Cockpit, no variables; the task work guard keeps the account to
     * those two commands (UPDATE_INSTANCE alone would also let it correlate, modify, set variables and run jobs).
     */
    private void grantSystemWorkers() {
        grant(StaffGroups.SYSTEM_WORKERS, Resources.PROCESS_DEFINITION, DataSubjectRequestProcess.KEY,
                Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE);
    }

    /**
     * What Cockpit shows: definitions, instances, their history, tasks, decision tables and deployments.
     * With specific variable permissions on (guard/LeastPrivilegePlugin), none of this reads variables
     * unless {@code variablePermissions} grant it.
     */
    private void grantReadAll(String group, boolean decisionHistory, Permission... variablePermissions) {
        List<Permission> definition = new ArrayList<>(List.of(Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY));
        definition.addAll(Arrays.asList(variablePermissions));
        grant(group, Resources.PROCESS_DEFINITION, ANY, definition.toArray(Permission[]::new));
        grant(group, Resources.TASK, ANY, Permissions.READ);
        if (decisionHistory) {
            grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        } else {
            grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        }
        grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
    }

    /**
     * A department opens Tasklist and reads the process definition (its name); it sees and works on
     * its own tasks only: the engine grants READ, READ_VARIABLE and TASK_WORK on each task to its
     * candidate group, and the task work guard narrows what a completion may carry.
     */
    private void grantDepartment(String group) {
        grant(group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
        grant(group, Resources.PROCESS_DEFINITION, DataSubjectRequestProcess.KEY, Permissions.READ);
    }

    /**
     * Open tasks created before specific variable permissions were on carry TASK_WORK without
     * READ_VARIABLE; their candidate groups keep reading their own task's form (new tasks get both
     * from the engine).
     */
    private void letTaskWorkersReadTheirTasksVariables() {
        for (Authorization authorization : authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
                .hasPermission(Permissions.TASK_WORK).list()) {
            if (!ANY.equals(authorization.getResourceId())
                    && !authorization.isPermissionGranted(TaskPermissions.READ_VARIABLE)) {
                authorization.addPermission(TaskPermissions.READ_VARIABLE);
                authorizations.saveAuthorization(authorization);
            }
        }
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
        } else if (hasExactly(authorization, permissions)) {
            return;
        }
        // Exactly these permissions: a permission granted by an earlier version is taken back.
        authorization.setPermissions(permissions);
        authorizations.saveAuthorization(authorization);
    }

    private static boolean hasExactly(Authorization authorization, Permission... permissions) {
        int wanted = Arrays.stream(permissions).mapToInt(Permission::getValue).reduce(0, (a, b) -> a | b);
        return ((AuthorizationEntity) authorization).getPermissions() == wanted;
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
