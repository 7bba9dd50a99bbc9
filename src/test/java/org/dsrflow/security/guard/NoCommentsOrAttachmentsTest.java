package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.junit.jupiter.api.Test;

class NoCommentsOrAttachmentsTest {

    private final NoCommentsOrAttachments rule = new NoCommentsOrAttachments();

    @Test
    void aNewCommentIsRefused() {
        assertThatThrownBy(() -> rule.check(new AddCommentCmd("task-1", null, "the customer is angry"), null))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Comments are not used");
    }

    @Test
    void aChangedCommentIsRefused() {
        assertThatThrownBy(() -> rule.check(new UpdateCommentCmd("task-1", null, "comment-1", "changed"), null))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Comments are not used");
    }

    @Test
    void aNewAttachmentIsRefused() {
        assertThatThrownBy(() -> rule.check(new CreateAttachmentCmd(null, "task-1", null, "export.csv", null, null, "https://x"), null))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Attachments are not used");
    }

    @Test
    void aChangedAttachmentIsRefused() {
        assertThatThrownBy(() -> rule.check(new SaveAttachmentCmd(new AttachmentEntity()), null))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Attachments are not used");
    }

    @Test
    void readingATasksCommentsPasses() {
        assertThatCode(() -> rule.check(new GetTaskCommentsCmd("task-1"), null)).doesNotThrowAnyException();
    }
}
