package org.dsrflow.process;

import java.util.Map;
import java.util.Set;

/**
 * What a person may submit to each process: a user task's completion carries its form's variables, a start
 * form its fields, nothing else (see {@code security/guard}). One table over the processes' own declarations.
 */
public final class FormOutputs {

    private static final Map<String, Map<String, Set<String>>> TASKS = Map.of(
            DataSubjectRequestProcess.KEY, DataSubjectRequestProcess.TASK_OUTPUTS,
            RestrictionLiftingProcess.KEY, RestrictionLiftingProcess.TASK_OUTPUTS,
            InboundMessageProcess.KEY, InboundMessageProcess.TASK_OUTPUTS,
            MailNoticeProcess.KEY, MailNoticeProcess.TASK_OUTPUTS);

    private static final Map<String, Set<String>> START_FORMS = Map.of(
            RegisterRequestProcess.KEY, Set.of(RegisterRequestProcess.FORM_FIELDS),
            AskRequesterProcess.KEY, Set.of(AskRequesterProcess.FORM_FIELDS),
            RestrictionLiftingProcess.KEY, Set.of(RestrictionLiftingProcess.FORM_FIELDS));

    private FormOutputs() {
    }

    /** The variables a completion of this task may carry (none for a task no form of dsr-flow names). */
    public static Set<String> ofTask(String processDefinitionKey, String taskDefinitionKey) {
        return TASKS.getOrDefault(processDefinitionKey, Map.of()).getOrDefault(taskDefinitionKey, Set.of());
    }

    /** Whether the process is started by a person through its start form (and so with its fields only). */
    public static boolean startsWithForm(String processDefinitionKey) {
        return processDefinitionKey != null && START_FORMS.containsKey(processDefinitionKey);
    }

    /** The fields of the process's start form; empty for a process without one. */
    public static Set<String> ofStartForm(String processDefinitionKey) {
        return processDefinitionKey == null ? Set.of() : START_FORMS.getOrDefault(processDefinitionKey, Set.of());
    }
}
