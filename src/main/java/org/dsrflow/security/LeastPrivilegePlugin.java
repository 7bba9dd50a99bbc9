package org.dsrflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.dsrflow.process.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * The engine settings that keep each staff group to what its job needs; they are the security
 * policy of dsr-flow, so they are code, not configuration an installation could weaken by accident:
 * <ul>
 * <li>{@link TaskWorkGuard} on every command;</li>
 * <li>specific variable permissions: reading a task's or an instance's variables, or their history,
 *     needs READ_VARIABLE / READ_*_VARIABLE, which managers do not have (see {@code IdentitySetup});
 *     candidate groups get READ_VARIABLE on their own tasks from the engine;</li>
 * <li>deserialization of object variables only for the engine's allow-list (java.lang, the
 *     java.util collections dsr-flow stores);</li>
 * <li>failed log-ins delay the account (3 s doubling up to 60 s) but never lock it for good; the
 *     per-source limit in front of it is {@link LoginThrottleFilter}.</li>
 * </ul>
 */
@Component
class LeastPrivilegePlugin extends AbstractProcessEnginePlugin {

    /** Camunda locks an account for good after this many failures; dsr-flow never wants that. */
    static final int NEVER_LOCK = Integer.MAX_VALUE;

    private final List<TaskCompletionCheck> checks;
    private final ObjectMapper json;

    LeastPrivilegePlugin(List<TaskCompletionCheck> checks, ObjectMapper json) {
        this.checks = checks;
        this.json = json;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPostCommandInterceptorsTxRequired(
                withGuard(configuration.getCustomPostCommandInterceptorsTxRequired()));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(
                withGuard(configuration.getCustomPostCommandInterceptorsTxRequiresNew()));
        configuration.setEnforceSpecificVariablePermission(true);
        configuration.setDeserializationTypeValidationEnabled(true);
        configuration.setLoginMaxAttempts(NEVER_LOCK);
        configuration.setLoginDelayBase(3);
        configuration.setLoginDelayFactor(2);
        configuration.setLoginDelayMaxTime(60);
    }

    private List<CommandInterceptor> withGuard(List<CommandInterceptor> existing) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(new TaskWorkGuard(checks, json));
        return interceptors;
    }
}
