package org.dsrflow.security.guard;

import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/** No comments or attachments on a task: free text beside the answer would escape the privacy review. */
final class NoCommentsOrAttachments implements CommandRule {

    @Override
    public void check(Command<?> command, CommandContext context) {
        if (command instanceof AddCommentCmd || command instanceof UpdateCommentCmd) {
            throw CommandRule.refused("Comments are not used in dsr-flow: write what the privacy team needs into the task's form.");
        }
        if (command instanceof CreateAttachmentCmd || command instanceof SaveAttachmentCmd) {
            throw CommandRule.refused("Attachments are not used in dsr-flow: write what the privacy team needs into the task's form.");
        }
    }
}
