package org.dsrflow.security.guard;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cmd.ExtendLockOnExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.SystemTasks;
import org.dsrflow.security.StaffGroups;

/**
 * A separate worker process's account (a member of {@code system-workers}) holds UPDATE_INSTANCE on the request process
 * because Camunda asks it for fetching, locking and extending locks of external tasks; the same permission would let
 * it correlate messages, signal, modify or suspend instances, set variables, run jobs and complete tasks with any
 * variables. So the account sends the engine two commands only:
 * <ul>
 * <li>fetch and lock system tasks under its own user id as worker id, asking for the run's id and no other variable
 *     (without a list the engine hands out every variable of the instance, review comments and answers included) and
 *     filtering by none;</li>
 * <li>extend the lock of a task under its own worker id.</li>
 * </ul>
 * It reports what it found or did through the staff API ({@code /api/staff/systems/tasks/{id}}), which records the
 * outcome and completes the task as the application; dsr-flow's own commands for that call pass.
 */
final class SystemWorkersOnlyFetchAndExtendLocks implements CommandRule {

    private static final List<String> VARIABLES = List.of(DataSubjectRequestProcess.Variables.SYSTEM_RUN.name());
    private static final String REPORTS = " A system worker reports through /api/staff/systems/tasks/{id}.";

    @Override
    public void check(Command<?> command, CommandContext context) {
        Authentication authentication = context.getAuthentication();
        List<String> groups = authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        if (!groups.contains(StaffGroups.SYSTEM_WORKERS) || groups.contains(Groups.CAMUNDA_ADMIN)) {
            return;
        }
        String user = context.getAuthenticatedUserId();
        if (command instanceof FetchExternalTasksCmd) {
            fetch(command, user);
        } else if (command instanceof ExtendLockOnExternalTaskCmd) {
            ownWorkerId(CommandFields.read(command, HandleExternalTaskCmd.class, "workerId"), user);
        } else if (!command.getClass().getName().startsWith("org.dsrflow.")) {
            throw CommandRule.refused("A system worker only fetches and locks system tasks and extends its locks." + REPORTS);
        }
    }

    private static void fetch(Command<?> command, String user) {
        ownWorkerId(CommandFields.read(command, FetchExternalTasksCmd.class, "workerId"), user);
        Map<String, TopicFetchInstruction> instructions = CommandFields.read(command, FetchExternalTasksCmd.class, "fetchInstructions");
        for (TopicFetchInstruction instruction : instructions.values()) {
            if (!SystemTasks.isSystemTopic(instruction.getTopicName())) {
                throw CommandRule.refused("A system worker fetches system tasks only, not topic " + instruction.getTopicName() + ".");
            }
            List<String> variables = instruction.getVariablesToFetch();
            if (variables == null || !VARIABLES.containsAll(variables)) {
                throw CommandRule.refused("A system worker fetches the variable " + VARIABLES.get(0) + " only: name it (without a list"
                        + " every variable of the request would be fetched)." + REPORTS);
            }
            if (instruction.getFilterVariables() != null && !instruction.getFilterVariables().isEmpty()) {
                throw CommandRule.refused("A system worker does not filter system tasks by variables.");
            }
        }
    }

    private static void ownWorkerId(String workerId, String user) {
        if (workerId == null || !workerId.equals(user)) {
            throw CommandRule.refused("A system worker locks tasks under its own user id (" + user + ") as worker id.");
        }
    }
}
