package org.dsrflow.intake;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.springframework.stereotype.Component;
import org.dsrflow.request.RequestRepository;

/**
 * A data-subject request process is started by intake only (the public form and API, the staff API,
 * the registration form), inside the transaction that stores the request: its start binds the new
 * instance to that stored, not yet bound request. A start from anywhere else (the REST API, another
 * request's id, a second instance for one request) finds nothing to bind and is refused with 403.
 * The binding (the request's {@code process_instance_id}) is what the application trusts afterwards.
 */
@Component
class IntakeOnlyStart extends AbstractProcessEnginePlugin implements ExecutionListener {

    static final String REFUSAL = "A data-subject request is started by intake (the request form, POST /api/requests, "
            + "POST /api/staff/requests or the registration form in Tasklist), never directly.";

    private final RequestRepository requests;

    IntakeOnlyStart(RequestRepository requests) {
        this.requests = requests;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (DataSubjectRequestProcess.KEY.equals(processDefinition.getKey())) {
                    // Built in: not skipped by "skipCustomListeners" either.
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, IntakeOnlyStart.this);
                }
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    @Override
    public void notify(DelegateExecution execution) {
        Long requestId = REQUEST_ID.optionalFrom(execution);
        if (requestId == null || execution.getProcessBusinessKey() == null
                || !requests.bindProcessInstance(requestId, execution.getProcessBusinessKey(), execution.getProcessInstanceId())) {
            throw new AuthorizationException(REFUSAL);
        }
    }
}
