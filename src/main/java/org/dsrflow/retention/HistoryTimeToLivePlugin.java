package org.dsrflow.retention;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.springframework.stereotype.Component;

/**
 * The engine's history as retention needs it: the history time-to-live of the request process is
 * configuration ({@code dsr.retention.history-time-to-live}) instead of a constant in the BPMN, and
 * the history level {@value PersonalDataHistoryLevel#NAME} ({@code camunda.bpm.history-level}) keeps
 * personal data out of the history tables.
 */
@Component
class HistoryTimeToLivePlugin extends AbstractProcessEnginePlugin {

    private final DsrProperties properties;

    HistoryTimeToLivePlugin(DsrProperties properties) {
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        int days = (int) properties.retention().historyTimeToLive().toDays();
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (DataSubjectRequestProcess.KEY.equals(processDefinition.getKey())) {
                    processDefinition.setHistoryTimeToLive(days);
                }
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
        List<org.camunda.bpm.engine.impl.history.HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(new PersonalDataHistoryLevel());
        configuration.setCustomHistoryLevels(levels);
    }
}
