package org.dsrflow.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A task's completion that collides with a colleague's or with a job of the same request (the parallel department
 * tasks of one request end in one process instance: ENGINE-03005, an {@link OptimisticLockingException}; or an
 * execution it read was ended meanwhile: ENGINE-03077) is run again, as a whole, in a fresh transaction: a
 * department's "Complete" succeeds instead of failing with a 500. The interceptor sits
 * before the engine's transaction interceptor ({@code customPreCommandInterceptorsTxRequired}), so each attempt
 * is a command of its own whose transaction was rolled back entirely; it retries only when the completion is
 * the outermost command and no transaction of the caller is open (otherwise the caller's transaction would
 * already be marked for rollback, and the conflict is the caller's to handle).
 */
@Component
class CompletionRetryPlugin extends AbstractProcessEnginePlugin {

    /** Attempts in all; a conflict on the third is passed on. */
    static final int ATTEMPTS = 3;
    /** Camunda's "Cannot resolve parent ... perhaps it was deleted in the meantime": a concurrent end of an execution. */
    static final String PARENT_GONE = "ENGINE-03077";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new CompletionRetry());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    static final class CompletionRetry extends CommandInterceptor {

        private static final Logger log = LoggerFactory.getLogger(CompletionRetry.class);

        @Override
        public <T> T execute(Command<T> command) {
            if (!retryable(command)) {
                return next.execute(command);
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return next.execute(command);
                } catch (ProcessEngineException failure) {
                    if (attempt >= ATTEMPTS || !conflict(failure)) {
                        throw failure;
                    }
                    log.info("A task's completion collided with another change of its process instance; attempt {} of {}",
                            attempt + 1, ATTEMPTS);
                    pause(attempt);
                }
            }
        }

        /** A conflict with a concurrent transaction: the same command may succeed on what that one left. */
        static boolean conflict(ProcessEngineException failure) {
            return failure instanceof OptimisticLockingException
                    || failure.getMessage() != null && failure.getMessage().startsWith(PARENT_GONE);
        }

        private static boolean retryable(Command<?> command) {
            return (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)
                    && Context.getCommandContext() == null
                    && !TransactionSynchronizationManager.isActualTransactionActive();
        }

        /** A short random pause, longer after each attempt, so the two colliding completions do not meet again. */
        private static void pause(int attempt) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
