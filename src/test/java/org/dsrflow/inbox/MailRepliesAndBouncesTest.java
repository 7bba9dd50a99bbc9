package org.dsrflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.InboundMessageProcess;
import org.dsrflow.process.MailNoticeProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.response.DownloadLinks;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMailImap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replies, bounces and automatic replies that reach the privacy mailbox (issue 25, part 2), over real protocols: the
 * application sends through GreenMail's SMTP, the requester's or a mail server's message is put into the privacy
 * mailbox on GreenMail's IMAP, and the inbox reader reads it ({@link InboxReader#readNow()}); what follows is seen
 * through Camunda's API, the staff pages and the API as staff use them.
 */
@SmtpIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MailRepliesAndBouncesTest extends WithGreenMailImap {

    static final String REPLY_TEXT = "Thank you. Please also include the notes from my support call in March.";

    @LocalServerPort
    int port;
    @Autowired
    InboxReader reader;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    RequestRepository requests;
    @Autowired
    DownloadLinks downloadLinks;
    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestUsers.ensure(identity);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aReplyToTheAcknowledgementLandsOnItsRequestForThePrivacyTeamOnlyAndOpensTheReplyArrivedTask(CapturedOutput output)
            throws Exception {
        String address = Requests.newAddress("ann");
        String reference = confirmed(address, "SE");
        MimeMessage acknowledgement = Mails.lastTo(greenMail, address);
        long sent = sentByUs();

        deliver(reply(address, acknowledgement, REPLY_TEXT + "\n\n> Thank you for your request " + reference));
        assertThat(reader.readNow()).isOne();

        // Recorded on the request (the quoted lines are in the stored email only), the request waited for nothing.
        assertThat(jdbc.sql("""
                        select count(*) from dsr_requester_reply p join dsr_request r on r.id = p.request_id
                        where r.reference = :ref and p.text = :text and p.awaited = false and p.inbox_message_id is not null""")
                .param("ref", reference).param("text", REPLY_TEXT).query(Long.class).single()).isOne();
        assertThat(inboxStatus(address)).isEqualTo("REPLY");
        Task notice = noticeTask(reference);
        assertThat(notice.getName()).isEqualTo("A reply about " + reference + " arrived");
        assertThat(tasks.getIdentityLinksForTask(notice.getId())).anyMatch(link -> "privacy".equals(link.getGroupId()));
        assertThat(openInboundMessageTasks()).noneMatch(task -> reference.equals(tasks.getVariable(task.getId(), "requestReference")));
        assertThat(sentByUs()).as("nothing is sent in return").isEqualTo(sent);

        // The privacy team reads it on the request page; a department working on the request does not.
        Http.Response page = loggedIntoTasklist("privacy").get("/staff/requests/" + reference);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"email-reply-1\"", REPLY_TEXT, "while the request waited for nothing");
        long messageId = jdbc.sql("select id from dsr_inbox_message where lower(sender_address) = :sender").param("sender", address)
                .query(Long.class).single();
        assertThat(page.body()).contains("/staff/messages/" + messageId);
        assertThat(loggedIntoTasklist("privacy").get("/staff/messages/" + messageId).body())
                .contains("The requester's reply, recorded on the request", "/staff/requests/" + reference);
        Http.Response department = loggedIntoTasklist("sales").get("/staff/requests/" + reference);
        assertThat(department.status()).isEqualTo(200);
        assertThat(department.body()).doesNotContain(REPLY_TEXT).doesNotContain("email-reply");

        assertNothingOfTheMessageIn(output, noticeInstance(reference), address, REPLY_TEXT);
    }

    @Test
    void aReplyByEmailToOurQuestionResumesTheRequestExactlyAsTheReplyPageDoes() throws Exception {
        // Great Britain, access: the clock stops while we wait for the answer (as in ClarificationTest).
        setClock("2026-03-02T10:00:00Z");
        String address = Requests.newAddress("ben");
        String reference = confirmed(address, "GB");
        setClock("2026-03-04T10:00:00Z");
        assertThat(ask(reference, "Which of your two accounts do you mean?").status()).isEqualTo(200);
        Jobs.executeDue(management);
        MimeMessage question = Mails.lastTo(greenMail, address);
        assertThat(staff(reference).get("clockStopped").asBoolean()).isTrue();

        // Eight days waiting do not count: 2 April + 8 days = 10 April.
        setClock("2026-03-12T10:00:00Z");
        deliver(reply(address.toUpperCase(java.util.Locale.ROOT), question, "The private one."));
        assertThat(reader.readNow()).isOne();

        JsonNode resumed = staff(reference);
        assertThat(resumed.get("clockStopped").asBoolean()).isFalse();
        assertThat(resumed.get("dueDate").asText()).isEqualTo("2026-04-10");
        assertThat(resumed.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_QUESTION_ANSWERED).count()).isOne();
        assertThat(jdbc.sql("""
                        select r.text from dsr_clarification c join dsr_requester_reply r on r.id = c.reply_id
                        join dsr_request q on q.id = c.request_id where q.reference = :ref""")
                .param("ref", reference).query(String.class).single()).isEqualTo("The private one.");
        // The question's reply link is used with it, as when the page was used; no "reply arrived" task besides.
        Http.Response link = http.get(Mails.linkPath(Mails.text(question), "/reply\\?token=[A-Za-z0-9_-]+"));
        assertThat(link.body()).contains("id=\"reply-used\"");
        assertThat(noticeTasks(reference)).isEmpty();
        // The answer stays out of the engine: neither the request's variables nor their history hold it.
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).list())
                .noneMatch(variable -> String.valueOf(variable.getValue()).contains("The private one"));
        assertThat(history.createHistoricDetailQuery().processInstanceId(instance).list())
                .noneMatch(detail -> detail instanceof org.camunda.bpm.engine.history.HistoricVariableUpdate update
                        && String.valueOf(update.getValue()).contains("The private one"));
    }

    @Test
    void aReplyByEmailToTheRequestForIdentityEvidenceGivesTheIdentityCheckBackAsTheReplyPageDoes() throws Exception {
        String address = Requests.newAddress("ida");
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Test Person", address, "SE", "en",
                List.of("health"), null));
        Task check = identityCheck(reference);
        assertThat(http.postJson("/engine-rest/task/" + check.getId() + "/submit-form", """
                {"variables": {"identityMethod": {"value": "KNOWLEDGE"}, "identityOutcome": {"value": "NEED_MORE"},
                 "identityRequest": {"value": "The date of the course you attended."}}}""",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        MimeMessage asked = Mails.lastTo(greenMail, address);
        assertThat(Mails.text(asked)).contains("The date of the course you attended.");
        assertThat(staff(reference).get("clockStopped").asBoolean()).isTrue();

        // With the course certificate attached: it becomes identity evidence, checked as the reply page's uploads are.
        MimeMessage withCertificate = reply(address, asked, "");
        jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
        jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
        text.setText("It was on 3 May 2025, the first-aid course in Uppsala.", "UTF-8");
        jakarta.mail.internet.MimeBodyPart certificate = new jakarta.mail.internet.MimeBodyPart();
        certificate.setContent(org.dsrflow.testsupport.IdentityEvidenceScenario.PNG, "image/png");
        certificate.setFileName("course-certificate.png");
        certificate.setDisposition(jakarta.mail.Part.ATTACHMENT);
        parts.addBodyPart(text);
        parts.addBodyPart(certificate);
        withCertificate.setContent(parts);
        withCertificate.saveChanges();
        withCertificate.setHeader("In-Reply-To", asked.getMessageID());
        deliver(withCertificate);
        assertThat(reader.readNow()).isOne();

        JsonNode resumed = staff(reference);
        assertThat(resumed.get("clockStopped").asBoolean()).isFalse();
        JsonNode stops = resumed.get("clockStops");
        assertThat(stops.get(stops.size() - 1).get("reason").asText()).isEqualTo("IDENTITY_EVIDENCE");
        assertThat(stops.get(stops.size() - 1).get("resumedOn").isNull()).isFalse();
        assertThat(identityCheck(reference).getId()).as("the identity check comes back").isNotEqualTo(check.getId());
        Http.Response page = loggedIntoTasklist("privacy").get("/staff/requests/" + reference);
        assertThat(page.body()).contains("id=\"evidence-reply-1\"", "It was on 3 May 2025, the first-aid course in Uppsala.",
                "as the reply the request waited for", "1 files of identity evidence, held until the identity decision");
        assertThat(noticeTasks(reference)).isEmpty();

        // The decision ends the evidence, and the email that carried it: its attachment can no longer be opened.
        long emailId = jdbc.sql("select r.inbox_message_id from dsr_requester_reply r join dsr_request q on q.id = r.request_id "
                + "where q.reference = :ref and r.inbox_message_id is not null").param("ref", reference).query(Long.class).single();
        Http privacy = loggedIntoTasklist("privacy");
        assertThat(privacy.get("/staff/messages/" + emailId + "/attachments/1").status()).isEqualTo(200);
        assertThat(http.postJson("/engine-rest/task/" + identityCheck(reference).getId() + "/submit-form", """
                {"variables": {"identityMethod": {"value": "KNOWLEDGE"}, "identityOutcome": {"value": "VERIFIED"}}}""",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from dsr_inbox_message where id = :id and raw_mime is null and erased_at is not null")
                .param("id", emailId).query(Integer.class).single()).isOne();
        assertThat(privacy.get("/staff/messages/" + emailId + "/attachments/1").status()).isEqualTo(404);
    }

    @Test
    void theSameReplyFromAnotherAddressIsNotTheRequestersReplyButANewMessageTaskAboutTheRequest() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String address = Requests.newAddress("cara");
        String reference = confirmed(address, "GB");
        assertThat(ask(reference, "Which of your two accounts do you mean?").status()).isEqualTo(200);
        Jobs.executeDue(management);
        MimeMessage question = Mails.lastTo(greenMail, address);

        String stranger = Requests.newAddress("stranger");
        deliver(reply(stranger, question, "The business one. Please send everything to this address."));
        assertThat(reader.readNow()).isOne();

        assertThat(staff(reference).get("status").asText()).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(staff(reference).get("clockStopped").asBoolean()).isTrue();
        assertThat(jdbc.sql("select count(*) from dsr_requester_reply p join dsr_request r on r.id = p.request_id where r.reference = :ref")
                .param("ref", reference).query(Long.class).single()).isZero();
        Task task = openInboundMessageTasks().stream()
                .filter(candidate -> reference.equals(tasks.getVariable(candidate.getId(), "requestReference"))).findFirst().orElseThrow();
        assertThat(tasks.getVariable(task.getId(), "messageDecision")).isEqualTo(InboundMessageProcess.Decisions.ATTACH);
        assertThat((String) tasks.getVariable(task.getId(), "messageProblem")).contains("about " + reference, "another address");
        assertThat(inboxStatus(stranger)).isEqualTo("NEW");
        assertThat(noticeTasks(reference)).isEmpty();
    }

    @Test
    void aBounceOfTheAcknowledgementMarksItBouncedAndOpensATaskShownOnTheRequestPageAndInTheSlaView(CapturedOutput output)
            throws Exception {
        String address = Requests.newAddress("dan");
        String reference = confirmed(address, "SE");
        MimeMessage acknowledgement = Mails.lastTo(greenMail, address);
        long sent = sentByUs();

        deliver(parse(dsn(address, acknowledgement, "failed", "5.1.1",
                "smtp; 550 5.1.1 <" + address + ">: Recipient address rejected: User unknown", true)));
        assertThat(reader.readNow()).isOne();

        Map<String, Object> entry = correspondence(reference, "ACKNOWLEDGEMENT");
        assertThat(entry.get("STATUS")).isEqualTo("BOUNCED");
        assertThat(entry.get("BOUNCE_STATUS")).isEqualTo("5.1.1");
        assertThat((String) entry.get("BOUNCE_DIAGNOSTIC")).contains("User unknown");
        assertThat(entry.get("BOUNCED_AT")).isNotNull();
        Task notice = noticeTask(reference);
        assertThat(notice.getName()).isEqualTo("The acknowledgement of " + reference + " bounced: 550 5.1.1 user unknown");
        assertThat(tasks.getIdentityLinksForTask(notice.getId())).anyMatch(link -> "privacy".equals(link.getGroupId()));
        assertThat(inboxStatus("MAILER-DAEMON@mx.example.net")).isEqualTo("BOUNCE");
        assertThat(sentByUs()).as("nothing is sent in return").isEqualTo(sent);
        assertThat(http.get("/engine-rest/task?processDefinitionKey=" + MailNoticeProcess.KEY, "Authorization", TestUsers.auth("sales"))
                .json()).as("a department does not see the privacy team's task").isEmpty();

        Http.Response page = loggedIntoTasklist("privacy").get("/staff/requests/" + reference);
        assertThat(page.body()).contains("BOUNCED", "5.1.1", "Recipient address rejected: User unknown", "Email bounced: acknowledgement");
        JsonNode sla = http.get("/api/staff/sla", "Authorization", TestUsers.auth("managers")).json();
        assertThat(sla.get("bounced").findValuesAsText("reference")).contains(reference);

        // The same report again (a mail server that reports twice): nothing new.
        deliver(parse(dsn(address, acknowledgement, "failed", "5.1.1", "smtp; 550 5.1.1 User unknown", true)));
        assertThat(reader.readNow()).isOne();
        assertThat(noticeTasks(reference)).hasSize(1);

        assertNothingOfTheMessageIn(output, noticeInstance(reference), address, "Recipient address rejected");
    }

    @Test
    void aBouncedAnswerIsNeitherOfferedOnTheStatusPageNorCountedAmongTheAnswers() throws Exception {
        String address = Requests.newAddress("eve");
        String reference = answered(address);
        var request = requests.findByReference(reference).orElseThrow();
        assertThat(downloadLinks.offer(request)).as("the status page offers the answer's download").isPresent();
        MimeMessage answer = Mails.lastTo(greenMail, address);
        long answeredBefore = answeredInTheLast30Days();

        deliver(parse(dsn(address, answer, "failed", "5.2.1", "smtp; 550 5.2.1 Mailbox disabled", false)));
        assertThat(reader.readNow()).isOne();

        assertThat(correspondence(reference, "RESPONSE").get("STATUS")).isEqualTo("BOUNCED");
        assertThat(downloadLinks.offer(request)).as("a bounced answer was not delivered").isEmpty();
        assertThat(answeredInTheLast30Days()).as("nor is it counted among the answers").isEqualTo(answeredBefore - 1);
        assertThat(noticeTask(reference).getName()).isEqualTo("The answer of " + reference + " bounced: 550 5.2.1 mailbox disabled");
        JsonNode bounced = http.get("/api/staff/sla", "Authorization", TestUsers.auth("managers")).json().get("bounced");
        assertThat(bounced.findValues("reference").stream().map(JsonNode::asText).toList()).contains(reference);
        for (JsonNode row : bounced) {
            if (row.get("reference").asText().equals(reference)) {
                assertThat(row.get("answerBounced").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void aDelayedDeliveryReportChangesNothingButIsRecorded() throws Exception {
        String address = Requests.newAddress("fay");
        String reference = confirmed(address, "SE");
        deliver(parse(dsn(address, Mails.lastTo(greenMail, address), "delayed", "4.4.7", "smtp; 451 4.4.7 Try again later", true)));
        assertThat(reader.readNow()).isOne();

        Map<String, Object> entry = correspondence(reference, "ACKNOWLEDGEMENT");
        assertThat(entry.get("STATUS")).isEqualTo("SENT");
        assertThat(entry.get("DELAY_NOTED_AT")).isNotNull();
        assertThat(noticeTasks(reference)).isEmpty();
        assertThat(inboxStatus("MAILER-DAEMON@mx.example.net")).isEqualTo("BOUNCE");
    }

    @Test
    void aDeliveryReportWithoutItsDeliveryStatusPartBecomesANewMessageTask() throws Exception {
        String address = Requests.newAddress("gus");
        String reference = confirmed(address, "SE");
        long before = openInboundMessageTasks().size();
        String raw = dsn(address, Mails.lastTo(greenMail, address), "failed", "5.1.1", "smtp; 550 5.1.1 unknown", true);
        // The same report with its message/delivery-status part left out.
        raw = raw.replaceAll("(?s)--REPORT\r\nContent-Type: message/delivery-status.*?(?=--REPORT)", "");
        deliver(parse(raw));
        assertThat(reader.readNow()).isOne();

        assertThat(openInboundMessageTasks()).hasSize((int) before + 1);
        assertThat(correspondence(reference, "ACKNOWLEDGEMENT").get("STATUS")).isEqualTo("SENT");
        assertThat(noticeTasks(reference)).isEmpty();
    }

    @Test
    void automaticRepliesAndOurOwnEmailsAreRecordedWithoutATaskOrAnAnswer() throws Exception {
        String address = Requests.newAddress("hal");
        String reference = confirmed(address, "SE");
        MimeMessage acknowledgement = Mails.lastTo(greenMail, address);
        long sent = sentByUs();
        long inboundBefore = runtime.createProcessInstanceQuery().processDefinitionKey(InboundMessageProcess.KEY).count();

        MimeMessage outOfOffice = reply(address, acknowledgement, "I am away until Monday.");
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        deliver(outOfOffice);
        MimeMessage bulk = message(Requests.newAddress("news"), "Our newsletter", "Ten tips for winter.");
        bulk.setHeader("Precedence", "bulk");
        deliver(bulk);
        MimeMessage ours = message(Requests.newAddress("loop"), acknowledgement.getSubject(), "A copy of our own email.");
        ours.setHeader("Message-ID", acknowledgement.getMessageID());
        deliver(ours);
        // Marked automatic but about none of our emails: it could be a request a mailer stamped; a person decides.
        MimeMessage stamped = message(Requests.newAddress("relay"), "Request for my data", "Please send me my data.");
        stamped.setHeader("Auto-Submitted", "auto-generated");
        deliver(stamped);
        assertThat(reader.readNow()).isEqualTo(4);

        assertThat(jdbc.sql("select status from dsr_inbox_message order by id desc fetch first 4 rows only")
                .query(String.class).list()).as("stamped, ours, bulk, out-of-office").containsExactly("NEW", "AUTO_REPLY", "NEW", "AUTO_REPLY");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(InboundMessageProcess.KEY).count())
                .as("the bulk mail and the stamped request, about none of our emails, go to a person").isEqualTo(inboundBefore + 2);
        assertThat(noticeTasks(reference)).isEmpty();
        assertThat(sentByUs()).as("nothing is sent in return").isEqualTo(sent);
        assertThat(correspondence(reference, "ACKNOWLEDGEMENT").get("AUTO_REPLY_AT")).as("the out-of-office is noted").isNotNull();
        assertThat(jdbc.sql("select count(*) from dsr_requester_reply p join dsr_request r on r.id = p.request_id where r.reference = :ref")
                .param("ref", reference).query(Long.class).single()).isZero();
    }

    private long answeredInTheLast30Days() {
        JsonNode periods = http.get("/api/staff/sla", "Authorization", TestUsers.auth("managers")).json().get("closedOnTime");
        for (JsonNode period : periods) {
            if (period.get("days").asInt() == 30) {
                return period.get("answered").asLong();
            }
        }
        throw new AssertionError("no 30-day period in " + periods);
    }

    // --- the requests ---

    private String confirmed(String address, String site) {
        return Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Test Person", address, site, "en",
                List.of("contact"), null));
    }

    /** A confirmed request whose departments found nothing and whose answer the privacy team approved and emailed. */
    private String answered(String address) {
        String reference = confirmed(address, "SE");
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(reference)) {
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("found", "yes");
            for (Object category : work.categoriesHeld(task)) {
                answer.put(String.valueOf(category), Map.of("data", "Kontakt: Test Person"));
            }
            work.complete(task, answer);
        }
        work.approve(reference);
        assertThat(correspondence(reference, "RESPONSE").get("STATUS")).isEqualTo("SENT");
        return reference;
    }

    /** Starts "Ask a requester a question" as Tasklist submits its start form. */
    private Http.Response ask(String reference, String question) {
        return http.postJson("/engine-rest/process-definition/key/ask-requester/submit-form",
                "{\"variables\": {\"reference\": {\"value\": \"" + reference + "\"}, \"clarificationQuestion\": {\"value\": \""
                        + question + "\"}}}", "Authorization", TestUsers.auth("privacy"));
    }

    // --- the messages ---

    private void deliver(MimeMessage message) {
        greenMail.getUserManager().getUserByEmail(PRIVACY_MAILBOX).deliver(message);
    }

    private static MimeMessage message(String from, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, PRIVACY_MAILBOX);
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }

    /** A reply to one of our emails as mail programs write it: In-Reply-To and References name its Message-ID. */
    private static MimeMessage reply(String from, MimeMessage original, String text) throws Exception {
        MimeMessage reply = message(from, "Re: " + original.getSubject(), text);
        reply.setHeader("In-Reply-To", original.getMessageID());
        reply.setHeader("References", original.getMessageID());
        return reply;
    }

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /** A delivery status notification (RFC 3464) as Postfix writes it, for {@code original} sent to {@code address}. */
    private static String dsn(String address, MimeMessage original, String action, String status, String diagnostic, boolean headersOnly)
            throws Exception {
        String originalPart = headersOnly
                ? "Content-Type: text/rfc822-headers\r\n\r\n" + "From: " + original.getHeader("From", ",") + "\r\nTo: " + address
                        + "\r\nSubject: " + original.getHeader("Subject", " ") + "\r\nMessage-ID: " + original.getMessageID() + "\r\n\r\n"
                : "Content-Type: message/rfc822\r\n\r\n" + "From: " + original.getHeader("From", ",") + "\r\nTo: " + address
                        + "\r\nSubject: " + original.getHeader("Subject", " ") + "\r\nMessage-ID: " + original.getMessageID()
                        + "\r\nContent-Type: text/plain\r\n\r\nThe answer.\r\n\r\n";
        return "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
                + "To: " + PRIVACY_MAILBOX + "\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Auto-Submitted: auto-replied\r\n"
                + "Message-ID: <" + System.nanoTime() + "@mx.example.net>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"REPORT\"\r\n\r\n"
                + "--REPORT\r\nContent-Type: text/plain\r\n\r\n"
                + "This is the mail system at host mx.example.net. Your message could not be delivered to <" + address + ">.\r\n\r\n"
                + "--REPORT\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example.net\r\nArrival-Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\n"
                + "Final-Recipient: rfc822; " + address + "\r\nOriginal-Recipient: rfc822;" + address + "\r\n"
                + "Action: " + action + "\r\nStatus: " + status + "\r\nRemote-MTA: dns; mail.example.com\r\n"
                + "Diagnostic-Code: " + diagnostic + "\r\n\r\n"
                + "--REPORT\r\n" + originalPart
                + "--REPORT--\r\n";
    }

    // --- what became of them ---

    /** The emails the application sent (through GreenMail's SMTP): all but those put into the privacy mailbox here. */
    private long sentByUs() {
        return java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(message -> !PRIVACY_MAILBOX.equals(Mails.recipient(message)))
                .count();
    }

    private String inboxStatus(String sender) {
        return jdbc.sql("select status from dsr_inbox_message where lower(sender_address) = lower(:sender) order by id desc")
                .param("sender", sender).query(String.class).list().get(0);
    }

    private Map<String, Object> correspondence(String reference, String kind) {
        return jdbc.sql("""
                        select c.* from dsr_correspondence c join dsr_request r on r.id = c.request_id
                        where r.reference = :ref and c.kind = :kind order by c.id desc""")
                .param("ref", reference).param("kind", kind).query().listOfRows().get(0).entrySet().stream()
                .collect(java.util.HashMap::new, (map, e) -> map.put(e.getKey().toUpperCase(java.util.Locale.ROOT), e.getValue()),
                        java.util.HashMap::putAll);
    }

    private List<Task> noticeTasks(String reference) {
        return tasks.createTaskQuery().processDefinitionKey(MailNoticeProcess.KEY)
                .processVariableValueEquals(MailNoticeProcess.REFERENCE.name(), reference).list();
    }

    private Task noticeTask(String reference) {
        List<Task> found = noticeTasks(reference);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private String noticeInstance(String reference) {
        return noticeTask(reference).getProcessInstanceId();
    }

    private Task identityCheck(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK).singleResult();
    }

    private List<Task> openInboundMessageTasks() {
        return tasks.createTaskQuery().processDefinitionKey(InboundMessageProcess.KEY).list();
    }

    /** Neither the log nor the engine's variables and history hold the sender's address or the message's words. */
    private void assertNothingOfTheMessageIn(CapturedOutput output, String instanceId, String... secrets) {
        List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).list();
        assertThat(variables).isNotEmpty();
        // dsr-flow's log and the engine's (GreenMail, the test's mail server, names the accounts it creates).
        String log = output.getAll().lines().filter(line -> !line.contains("icegreen")).collect(java.util.stream.Collectors.joining("\n"));
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
            assertThat(variables).noneMatch(variable -> String.valueOf(variable.getValue()).contains(secret));
        }
    }

    private JsonNode staff(String reference) {
        return http.get("/api/staff/requests/" + reference, "Authorization", TestUsers.auth("privacy")).json();
    }

    private Http loggedIntoTasklist(String group) {
        Http session = new Http(port);
        session.get("/camunda/app/tasklist/default/");
        Http.Response login = session.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", TestUsers.of(group), "password", TestUsers.PASSWORD),
                "X-XSRF-TOKEN", session.cookie("XSRF-TOKEN"));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return session;
    }

    private static void setClock(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }
}
