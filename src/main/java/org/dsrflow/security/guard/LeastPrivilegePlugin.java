package org.dsrflow.security.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.dsrflow.process.TaskCompletionCheck;
import org.dsrflow.security.StaffGroups;
import org.springframework.stereotype.Component;

/**
 * The engine settings that keep each staff group to what its job needs; they are the security
 * policy of dsr-flow, so they are code, not configuration an installation could weaken by accident:
 * <ul>
 * <li>{@link TaskWorkGuard} on every command;</li>
 * <li>a failed external task is retried by whoever may retry failed jobs ({@link FailedExternalTaskRetry});</li>
 * <li>specific variable permissions: reading a task's or an instance's variables, or their history,
 *     needs READ_VARIABLE / READ_*_VARIABLE, which managers do not have (see {@code setup/IdentitySetup});
 *     candidate groups get READ_VARIABLE on their own tasks from the engine;</li>
 * <li>deserialization of object variables only for the engine's allow-list (java.lang, the
 *     java.util collections dsr-flow stores);</li>
 * <li>object variables of other types are refused when they are written, too
 *     ({@link AllowListedObjectSerializer});</li>
 * <li>failed log-ins neither delay nor lock the account in the engine: Camunda's delay per account would
 *     also refuse the owner's right password while a stranger guesses, so the only limit is the one per
 *     source and account in front of it ({@code web/LoginThrottleFilter}).</li>
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
        // Camunda's ids are letters and digits; its own administrators' group and the worker processes' have a hyphen.
        configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9]+|" + Groups.CAMUNDA_ADMIN + "|" + StaffGroups.SYSTEM_WORKERS);
        configuration.setDeserializationTypeValidationEnabled(true);
        configuration.setLoginMaxAttempts(NEVER_LOCK);
        configuration.setLoginDelayBase(0);
        configuration.setLoginDelayMaxTime(0);
    }

    /** After every plugin's postInit (Spin adds its serializers there): each object serializer checks on write. */
    @Override
    @SuppressWarnings("unchecked")
    public void postProcessEngineBuild(ProcessEngine engine) {
        VariableSerializers serializers = ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getVariableSerializers();
        for (TypedValueSerializer<?> serializer : serializers.getSerializers()) {
            if (ValueType.OBJECT.equals(serializer.getType()) && !(serializer instanceof AllowListedObjectSerializer)) {
                int index = serializers.getSerializerIndex(serializer);
                serializers.removeSerializer(serializer);
                serializers.addSerializer(new AllowListedObjectSerializer((TypedValueSerializer<ObjectValue>) serializer), index);
            }
        }
    }

    private List<CommandInterceptor> withGuard(List<CommandInterceptor> existing) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(TaskWorkGuard.withRules(checks, json));
        // After the guard's rules: a failed external task is retried with RETRY_JOB, like a failed job.
        interceptors.add(new FailedExternalTaskRetry());
        return interceptors;
    }
}
