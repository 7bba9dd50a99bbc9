package org.dsrflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Which failures of which commands {@link CompletionRetryPlugin.CompletionRetry} runs again, and how often. */
class CompletionRetryTest {

    private final AtomicInteger calls = new AtomicInteger();

    private CompletionRetryPlugin.CompletionRetry failingTimes(int failures, ProcessEngineException failure) {
        CompletionRetryPlugin.CompletionRetry retry = new CompletionRetryPlugin.CompletionRetry();
        retry.setNext(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                if (calls.incrementAndGet() <= failures) {
                    throw failure;
                }
                return null;
            }
        });
        return retry;
    }

    @Test
    void aCompletionThatCollidesIsRunAgain() {
        failingTimes(2, new OptimisticLockingException("ENGINE-03005 updated by another transaction concurrently"))
                .execute(new CompleteTaskCmd("task", null));
        assertThat(calls).hasValue(3);
    }

    @Test
    void aSubmissionWhoseExecutionWasEndedMeanwhileIsRunAgain() {
        failingTimes(1, new ProcessEngineException("ENGINE-03077 Cannot resolve parent with id 'x' of execution 'y', "
                + "perhaps it was deleted in the meantime")).execute(new SubmitTaskFormCmd("task", null, false, false));
        assertThat(calls).hasValue(2);
    }

    @Test
    void theThirdConflictIsPassedOn() {
        assertThatThrownBy(() -> failingTimes(3, new OptimisticLockingException("ENGINE-03005")).execute(new CompleteTaskCmd("task", null)))
                .isInstanceOf(OptimisticLockingException.class);
        assertThat(calls).hasValue(CompletionRetryPlugin.ATTEMPTS);
    }

    @Test
    void otherFailuresAndOtherCommandsAreNotRunAgain() {
        assertThatThrownBy(() -> failingTimes(1, new ProcessEngineException("ENGINE-03005? no: a form field is missing"))
                .execute(new CompleteTaskCmd("task", null))).isInstanceOf(ProcessEngineException.class);
        assertThat(calls).hasValue(1);
        calls.set(0);
        assertThatThrownBy(() -> failingTimes(1, new OptimisticLockingException("ENGINE-03005"))
                .execute(new GetTaskFormVariablesCmd("task", null, false))).isInstanceOf(OptimisticLockingException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void insideACallersTransactionTheConflictIsTheCallers() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThatThrownBy(() -> failingTimes(1, new OptimisticLockingException("ENGINE-03005"))
                    .execute(new CompleteTaskCmd("task", null))).isInstanceOf(OptimisticLockingException.class);
            assertThat(calls).hasValue(1);
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
    }
}
