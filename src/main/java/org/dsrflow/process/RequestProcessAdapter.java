package org.dsrflow.process;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.CATEGORIES;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EMAIL_CONFIRMATION_REQUIRED;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EXTERNAL_PARTY;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.OBJECTION;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.LANGUAGE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.ON_BEHALF;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SPECIAL_CATEGORY;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REPEAT_OF;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REPEAT_ANSWERED_ON;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.TYPE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.dsrflow.request.DsrRequest;
import org.springframework.stereotype.Component;

/**
 * The one place where application code talks to the engine about a request: start it with its
 * reference as business key, correlate the requester's actions by that key, end a party's wait, and
 * read what the process holds for the answer and the department emails. These run as the
 * application, without the caller's engine authorizations: staff groups hold no permission to
 * start or change request instances (least privilege); the application's own endpoints decide who
 * may register a request or record a reply, and the engine still records who was logged in.
 */
@Component
public class RequestProcessAdapter {

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ProcessEngineConfigurationImpl engine;
    private final org.dsrflow.config.DsrProperties.Organisation organisation;
    private final org.dsrflow.request.RequestRepository requests;
    private final java.time.Duration repeatWithin;

    RequestProcessAdapter(RuntimeService runtimeService, TaskService taskService, ProcessEngineConfigurationImpl engine,
                          org.dsrflow.config.DsrProperties properties, org.dsrflow.request.RequestRepository requests) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.engine = engine;
        this.organisation = properties.organisation();
        this.requests = requests;
        this.repeatWithin = properties.repeatRequests().within();
    }

    private <T> T asApplication(Callable<T> work) {
        return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(work));
    }

    /**
     * The categories the departments work on ({@link org.dsrflow.request.RequestType#categoriesRouted()}):
     * portability covers only those the register marks portable (Art. 20(1)), an objection only those
     * processed for a purpose open to objection (Art. 21(1)); the answer names the others.
     */
    private List<String> routedCategories(DsrRequest request) {
        return RoutedCategories.of(request.type(), organisation, request.categories());
    }

    /**
     * Starts the request's process; returns the process instance id. {@code confirmationRequired}
     * is false for requests registered by staff: the channel they came through established them;
     * {@code decideFirst}: the privacy team flagged it at registration, so it decides before any department acts.
     */
    public String start(DsrRequest request, boolean confirmationRequired, boolean decideFirst) {
        Map<String, Object> variables = Variables.createVariables()
                .putValue(REQUEST_ID.name(), request.id())
                .putValue(TYPE.name(), TYPE.toEngine(request.type()))
                .putValue(DataSubjectRequestProcess.Variables.RESTRICTION_GROUND.name(),
                        request.restrictionGround() == null ? "not stated" : request.restrictionGround().name())
                .putValue(SITE.name(), request.site())
                .putValue(LANGUAGE.name(), request.language().name())
                .putValue(CATEGORIES.name(), new ArrayList<>(routedCategories(request)))
                .putValue(EMAIL_CONFIRMATION_REQUIRED.name(), confirmationRequired)
                .putValue(ON_BEHALF.name(), request.onBehalf())
                .putValue(DataSubjectRequestProcess.Variables.BY_POST.name(), !request.hasEmail())
                .putValue(SPECIAL_CATEGORY.name(), request.categories().stream()
                        .anyMatch(category -> organisation.categories().containsKey(category)
                                && organisation.category(category).specialCategory()));
        if (decideFirst) {
            variables.put(DataSubjectRequestProcess.Variables.DECIDE_FIRST.name(), true);
        }
        // Art. 12(5): a repeat of the same right waits for the privacy team's triage before any department acts; never decided here.
        requests.latestAnsweredOfSameRight(request.id(), request.requesterEmail(), request.type(),
                request.receivedOn().minusDays(repeatWithin.toDays())).ifPresent(earlier -> {
            variables.put(REPEAT_OF.name(), earlier.reference());
            variables.put(REPEAT_ANSWERED_ON.name(), earlier.answeredOn().toString());
        });
        ProcessInstance instance = asApplication(() -> runtimeService
                .createProcessInstanceByKey(DataSubjectRequestProcess.KEY)
                .businessKey(request.reference())
                .setVariables(variables)
                .execute());
        return instance.getId();
    }

    /** True when the request's process is waiting for the requester to confirm the email address. */
    public boolean isWaitingForEmailConfirmation(String reference) {
        return asApplication(() -> runtimeService.createExecutionQuery()
                .processInstanceBusinessKey(reference)
                .messageEventSubscriptionName(DataSubjectRequestProcess.Messages.EMAIL_CONFIRMED)
                .count()) > 0;
    }

    /** True when the request's process waits for the requester's answer (identity evidence, clarification). */
    public boolean isWaitingForRequesterReply(String reference) {
        return asApplication(() -> runtimeService.createExecutionQuery()
                .processInstanceBusinessKey(reference)
                .messageEventSubscriptionName(DataSubjectRequestProcess.Messages.REQUESTER_REPLIED)
                .count()) > 0;
    }

    /**
     * True while the request is handled (confirmed, identity checked, not yet answered): the privacy team may
     * then ask the requester a question, also while the departments work.
     */
    public boolean isHandled(String reference) {
        return asApplication(() -> runtimeService.createExecutionQuery()
                .processInstanceBusinessKey(reference)
                .messageEventSubscriptionName(DataSubjectRequestProcess.Messages.PRIVACY_QUESTION)
                .count()) > 0;
    }

    /**
     * True while a question of the privacy team is on its way to the requester or waits for the answer (or the
     * request waits for identity evidence): one question at a time.
     */
    public boolean isAskingTheRequester(String reference) {
        return isWaitingForRequesterReply(reference) || asApplication(() -> java.util.stream.Stream.of(
                        DataSubjectRequestProcess.Elements.SEND_QUESTION_ANY_TIME, DataSubjectRequestProcess.Elements.SEND_CLARIFICATION_REQUEST)
                .anyMatch(activity -> runtimeService.createExecutionQuery().processInstanceBusinessKey(reference)
                        .activityId(activity).count() > 0));
    }

    /** True while the request waits for a fee to be paid (the privacy team records the payment). */
    public boolean isWaitingForFee(String reference) {
        return asApplication(() -> runtimeService.createExecutionQuery().processInstanceBusinessKey(reference)
                .activityId(DataSubjectRequestProcess.Elements.USER_FEE_PAYMENT).count()) > 0;
    }

    /** The privacy team asked the requester a question (already stored): the request's process sends it and waits, the work goes on. */
    public void questionAsked(String reference) {
        asApplication(() -> runtimeService.createMessageCorrelation(DataSubjectRequestProcess.Messages.PRIVACY_QUESTION)
                .processInstanceBusinessKey(reference)
                .correlateWithResult());
    }

    /**
     * What the privacy team's identity check asked the requester for, while the request waits for that
     * evidence (the reply page repeats it); empty otherwise.
     */
    public java.util.Optional<String> identityEvidenceAskedFor(String reference) {
        return asApplication(() -> runtimeService.createExecutionQuery()
                .processInstanceBusinessKey(reference)
                .activityId(DataSubjectRequestProcess.Elements.WAIT_IDENTITY_EVIDENCE)
                .list().stream().findFirst()
                .map(waiting -> DataSubjectRequestProcess.Variables.IDENTITY_REQUEST.from(
                        runtimeService.getVariables(waiting.getId(), List.of(DataSubjectRequestProcess.Variables.IDENTITY_REQUEST.name()))))
                .filter(asked -> !asked.isBlank()));
    }

    /** True while the request waits for the identity evidence its identity check asked for (not for an answer to a question). */
    public boolean isWaitingForIdentityEvidence(String reference) {
        return asApplication(() -> runtimeService.createExecutionQuery()
                .processInstanceBusinessKey(reference)
                .activityId(DataSubjectRequestProcess.Elements.WAIT_IDENTITY_EVIDENCE)
                .count()) > 0;
    }

    /** The requester answered a request for identity evidence or clarification; false when nothing waited for it. */
    public boolean requesterReplied(String reference) {
        return !asApplication(() -> runtimeService.createMessageCorrelation(DataSubjectRequestProcess.Messages.REQUESTER_REPLIED)
                .processInstanceBusinessKey(reference)
                .correlateAllWithResult()).isEmpty();
    }

    public void emailConfirmed(String reference) {
        asApplication(() -> runtimeService.createMessageCorrelation(DataSubjectRequestProcess.Messages.EMAIL_CONFIRMED)
                .processInstanceBusinessKey(reference)
                .correlateWithResult());
    }

    /** A processor or recipient answered on its page: the request's wait for that party (one per party) ends, if it still waits. */
    public void externalPartyAnswered(String processInstanceId, String party) {
        asApplication(() -> {
            for (Execution waiting : runtimeService.createExecutionQuery().processInstanceId(processInstanceId)
                    .activityId(DataSubjectRequestProcess.Elements.RECEIVE_EXTERNAL_PARTY).list()) {
                if (party.equals(runtimeService.getVariable(waiting.getId(), EXTERNAL_PARTY.name()))) {
                    runtimeService.signal(waiting.getId());
                }
            }
            return null;
        });
    }

    /**
     * The privacy team's decisions on an objection in the request's running process, as the JSON text its form
     * submitted (typed and not deserialized: a Java API caller may have stored a serialized map); null before
     * they are made.
     */
    public String objectionDecisions(String processInstanceId) {
        TypedValue value = asApplication(() -> runtimeService.getVariableTyped(processInstanceId, OBJECTION.name(), false));
        if (value instanceof SerializableValue serializable) {
            return serializable.isDeserialized() ? String.valueOf(serializable.getValue()) : serializable.getValueSerialized();
        }
        return value == null || value.getValue() == null ? null : String.valueOf(value.getValue());
    }

    /** The open task of this definition key that a department (candidate group) works on in the request's process, if any. */
    public java.util.Optional<Task> openDepartmentTask(String processInstanceId, String taskKey, String department) {
        return asApplication(() -> taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
                .taskCandidateGroup(department).includeAssignedTasks().active().list().stream().findFirst());
    }
}
