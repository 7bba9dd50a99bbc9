package org.dsrflow.security.guard;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RegisterRequestProcess;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The command rules as the guard applies them, on the in-memory unit engine (camunda-unit.cfg.xml): a rule
 * checks a command of Camunda's own inside one of the engine's commands, with a person signed in. Deployments
 * made here are removed after each test by the extension.
 */
final class GuardBench {

    private final ProcessEngineExtension engine;

    GuardBench(ProcessEngineExtension engine) {
        this.engine = engine;
    }

    static ProcessEngineExtension unitEngine() {
        // The unit engine records process coverage, which needs the coverage extension to start it.
        return ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml").build();
    }

    /** {@code rule} checks {@code command} sent by {@code user} of {@code groups}; throws what the rule throws. */
    void check(CommandRule rule, Command<?> command, String user, String... groups) {
        run(rule, command, false, user, groups);
    }

    /** The same with the engine's authorization checks on, as in dsr-flow (authorizations decide who may what). */
    void checkWithAuthorizations(CommandRule rule, Command<?> command, String user, String... groups) {
        run(rule, command, true, user, groups);
    }

    private void run(CommandRule rule, Command<?> command, boolean authorizations, String user, String... groups) {
        inCommand(context -> {
            rule.check(command, context);
            return null;
        }, authorizations, user, groups);
    }

    /** Runs {@code command} in the engine as {@code user} (null: nobody signed in), authorization checks on or off. */
    <T> T inCommand(Command<T> command, boolean authorizations, String user, String... groups) {
        ProcessEngineConfigurationImpl configuration = engine.getProcessEngineConfiguration();
        boolean authorizationsBefore = configuration.isAuthorizationEnabled();
        configuration.setAuthorizationEnabled(authorizations);
        engine.getIdentityService().setAuthentication(user, List.of(groups));
        try {
            return configuration.getCommandExecutorTxRequired().execute(command);
        } finally {
            engine.getIdentityService().clearAuthentication();
            configuration.setAuthorizationEnabled(authorizationsBefore);
        }
    }

    /** Deploys a process {@code key} with one user task {@code taskKey} for candidate group {@code group}. */
    void deployWithTask(String key, String taskKey, String group) {
        deploy(Bpmn.createExecutableProcess(key).startEvent().userTask(taskKey).camundaCandidateGroups(group).endEvent().done());
    }

    void deploy(BpmnModelInstance model) {
        ProcessEngine processEngine = engine.getProcessEngine();
        Deployment deployment = processEngine.getRepositoryService().createDeployment()
                .addModelInstance(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                        .iterator().next().getId() + ".bpmn", model)
                .deploy();
        engine.manageDeployment(deployment);
    }

    /** Starts the latest {@code key} and returns the id of its one open task. */
    String startAndTask(String key) {
        ProcessEngine processEngine = engine.getProcessEngine();
        String instance = processEngine.getRuntimeService().startProcessInstanceByKey(key).getId();
        return processEngine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    }

    /** A started request process (a stand-in with the real key) waiting at a department's task for {@code sales}. */
    String departmentTask() {
        deployWithTask(DataSubjectRequestProcess.KEY, DataSubjectRequestProcess.Elements.DEPARTMENT_TASK, "sales");
        return startAndTask(DataSubjectRequestProcess.KEY);
    }

    /** The id of a deployed registration (a stand-in with the real key), the process staff start by its form. */
    String registration() {
        deployWithTask(RegisterRequestProcess.KEY, RegisterRequestProcess.RECEIPT_TASK, "privacy");
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(RegisterRequestProcess.KEY)
                .latestVersion().singleResult().getId();
    }
}
