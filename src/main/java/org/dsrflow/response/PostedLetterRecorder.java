package org.dsrflow.response;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.POSTED_ON;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.Deciders;
import org.dsrflow.process.FormDates;
import org.dsrflow.process.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * The privacy team records the day it posted a letter ({@code forms/post-letter}): a day, not in the future nor before
 * the letter was written; who recorded it and when are kept with the letter. A task without a letter to post is
 * refused too (the letter is written by the send job before the task exists, so this means something went wrong).
 */
@Component("postedLetterRecorder")
class PostedLetterRecorder implements TaskListener, TaskCompletionCheck {

    private final Letters letters;
    private final DeadlineService deadlines;
    private final DsrProperties properties;
    private final Clock clock;

    PostedLetterRecorder(Letters letters, DeadlineService deadlines, DsrProperties properties, Clock clock) {
        this.letters = letters;
        this.deadlines = deadlines;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(Elements.USER_POST_ANSWER, Elements.USER_POST_REFUSAL, Elements.USER_POST_IDENTITY_REFUSAL);
    }

    @Override
    public List<String> problems(DelegateTask task, SubmittedValues submitted) {
        return problems(task, letters.toPost(REQUEST_ID.from(task)), submitted.text(POSTED_ON.name()));
    }

    private List<String> problems(DelegateTask task, Optional<Letters.Letter> letter, String postedOn) {
        if (letter.isEmpty()) {
            return List.of("there is no letter of this request waiting to be posted");
        }
        String site = SITE.from(task);
        LocalDate written = LocalDate.ofInstant(letter.get().writtenAt(), properties.site(site).zone());
        LocalDate day = FormDates.day(postedOn);
        if (day == null || day.isAfter(deadlines.today(site)) || day.isBefore(written)) {
            return List.of("give the day the letter was posted (YYYY-MM-DD), not in the future nor before it was written ("
                    + written + ")");
        }
        return List.of();
    }

    @Override
    public void notify(DelegateTask task) {
        String postedOn = POSTED_ON.optionalFrom(task);
        Optional<Letters.Letter> letter = letters.toPost(REQUEST_ID.from(task));
        List<String> problems = problems(task, letter, postedOn);
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(POSTED_ON.name(), String.join("; ", problems));
        }
        LocalDate day = FormDates.day(postedOn);
        POSTED_ON.set(task.getExecution(), day.toString());
        letters.recordPosted(letter.get().id(), day, Deciders.of(task), clock.instant());
    }
}
