package org.dsrflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.process.InboundMessageProcess;
import org.dsrflow.request.Channel;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestType;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WebappSessions;
import org.dsrflow.testsupport.WithGreenMailImap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The privacy mailboxes through real protocols: emails sent by SMTP (or appended by IMAP as raw MIME) to GreenMail,
 * read over IMAP by {@link InboxReader#readNow()}, each becoming one task for the privacy team, completed over
 * Camunda's REST API as the privacy team; the message page over HTTP with a Tasklist session.
 */
@SmtpIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class InboxTest extends WithGreenMailImap {

    @LocalServerPort
    int port;
    @Autowired
    InboxReader reader;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;
    @Autowired
    RequestRepository requests;
    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestUsers.ensure(identity);
        // Each test starts with no email recorded and no new-message task (the class shares one database).
        runtime.createProcessInstanceQuery().processDefinitionKey(InboundMessageProcess.KEY).list()
                .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "next test"));
        jdbc.update("delete from dsr_inbox_message");
    }

    @Test
    void aSwedishEmailBecomesOneTaskAndRegistersAsARequestReceivedOnTheDayOfArrival() throws Exception {
        send(PRIVACY_MAILBOX, "asa@example.se", "Åsa Ørsted", "Begäran om registerutdrag",
                "Hej, jag vill ha tillgång till mina personuppgifter som ni har om mig. Tack på förhand, Åsa");
        assertThat(reader.readNow()).isEqualTo(1);

        Task task = onlyTask();
        assertThat(task.getName()).isEqualTo("New email to the privacy mailbox");
        assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("privacy"));
        Map<String, Object> variables = tasks.getVariables(task.getId());
        assertThat(variables).containsEntry("type", "ACCESS").containsEntry("language", "sv").containsEntry("site", "SE")
                .containsEntry("messageDecision", "register");
        Instant arrived = messageRow().receivedAt();
        LocalDate arrivalDay = LocalDate.ofInstant(arrived, ZoneId.of("Europe/Stockholm"));
        // Completed after midnight in Sweden: receivedOn is still the day the email reached the mailbox.
        ClockUtil.setCurrentTime(Date.from(arrivalDay.plusDays(1).atTime(0, 30).atZone(ZoneId.of("Europe/Stockholm")).toInstant()));

        Http.Response completed = complete(task, """
                {"messageDecision": "register", "type": "ACCESS", "site": "SE", "language": "sv"}""");

        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        InboxMessages.Stored message = messageRow();
        assertThat(message.status()).isEqualTo(InboxMessages.Status.REGISTERED);
        assertThat(message.decidedBy()).isEqualTo(TestUsers.of("privacy"));
        DsrRequest request = requests.findById(message.requestId()).orElseThrow();
        assertThat(request.receivedOn()).isEqualTo(arrivalDay);
        assertThat(request.type()).isEqualTo(RequestType.ACCESS);
        assertThat(request.language().name()).isEqualTo("sv");
        assertThat(request.channel()).isEqualTo(Channel.EMAIL);
        assertThat(request.requesterName()).isEqualTo("Åsa Ørsted");
        assertThat(request.requesterEmail()).isEqualTo("asa@example.se");
        Jobs.executeDue(management);
        assertThat(Mails.countTo(greenMail, "asa@example.se")).as("the acknowledgement with the confirmation link").isPositive();
        assertThat(processedFolder(PRIVACY_MAILBOX, "requests", "inbox-secret-1")).isEqualTo(List.of(1, 0));
        assertThat(WebappSessions.logIn(port, "privacy", "tasklist").get("/staff/requests/" + request.reference()).body())
                .as("the request page lists the email").contains("/staff/messages/" + message.id()).contains("Begäran om registerutdrag");
        assertNoPersonalDataInTheEngine("Åsa", "Ørsted", "asa@example.se", "tillgång", "registerutdrag");
    }

    @Test
    void anEmailToTheMarketingMailboxSuggestsAnObjectionToMarketing() throws Exception {
        send(MARKETING_MAILBOX, "per@example.no", "Per Hansen", "Stopp", "Hei, ikke send meg mer, takk.");
        reader.readNow();
        Map<String, Object> variables = tasks.getVariables(onlyTask().getId());
        assertThat(variables).containsEntry("type", "MARKETING_OBJECTION").containsEntry("language", "nb").containsEntry("site", "NO");
    }

    @Test
    void anEmailWithAReferenceInItsSubjectIsAttachedToThatRequest() throws Exception {
        String reference = http.postJson("/api/requests", """
                {"type":"ERASURE","name":"Ann Example","email":"ann@example.com","site":"GB","language":"en"}""")
                .json().get("reference").asText();
        send(PRIVACY_MAILBOX, "ann@example.com", "Ann Example", "Re: your request " + reference, "Please hurry up with it.");
        reader.readNow();
        Task task = onlyTask();
        assertThat(tasks.getVariables(task.getId())).containsEntry("messageDecision", "attach").containsEntry("requestReference", reference);

        assertThat(complete(task, "{\"messageDecision\": \"attach\", \"requestReference\": \"" + reference + "\"}").status()).isEqualTo(204);

        InboxMessages.Stored message = messageRow();
        assertThat(message.status()).isEqualTo(InboxMessages.Status.ATTACHED);
        assertThat(message.requestId()).isEqualTo(requests.findByReference(reference).orElseThrow().id());
    }

    @Test
    void notARequestIsRecordedWithWhoDecidedAndWhen() throws Exception {
        send(PRIVACY_MAILBOX, "offers@example.com", "Cheap Offers", "Buy now", "Cheap watches, click here.");
        reader.readNow();

        assertThat(complete(onlyTask(), "{\"messageDecision\": \"none\", \"notARequest\": \"spam\"}").status()).isEqualTo(204);

        InboxMessages.Stored message = messageRow();
        assertThat(message.status()).isEqualTo(InboxMessages.Status.NOT_A_REQUEST);
        assertThat(message.decidedBy()).isEqualTo(TestUsers.of("privacy"));
        assertThat(message.decidedAt()).isNotNull();
        assertThat(message.requestId()).isNull();
    }

    @Autowired
    org.dsrflow.retention.RetentionService retention;

    @Test
    void anEmailThatWasNotARequestIsErasedAfterTheRetentionPeriodFromItsDecisionAndOneOnAnOpenRequestIsKept() throws Exception {
        String reference = http.postJson("/api/requests", """
                {"type":"ACCESS","name":"Kim Kept","email":"kim@example.com","site":"GB","language":"en"}""")
                .json().get("reference").asText();
        send(PRIVACY_MAILBOX, "kim@example.com", "Kim Kept", "About " + reference, "Any news?");
        send(PRIVACY_MAILBOX, "quiz@example.com", "Quentin Quiz", "A question", "Where is your office?");
        reader.readNow();
        for (Task task : tasks.createTaskQuery().processDefinitionKey(InboundMessageProcess.KEY).list()) {
            boolean attach = "attach".equals(tasks.getVariable(task.getId(), "messageDecision"));
            assertThat(complete(task, attach ? "{\"messageDecision\": \"attach\", \"requestReference\": \"" + reference + "\"}"
                    : "{\"messageDecision\": \"none\", \"notARequest\": \"question\"}").status()).isEqualTo(204);
        }

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(java.time.Duration.ofDays(181))));
        retention.apply();

        assertThat(jdbc.queryForList("select coalesce(sender_address, '(erased)') || ' ' || (case when raw_mime is null then 'no content' "
                + "else 'content' end) from dsr_inbox_message order by id", String.class))
                .containsExactly("kim@example.com content", "(erased) no content");
        assertThat(jdbc.queryForObject("select count(*) from dsr_inbox_message where status = 'NOT_A_REQUEST' and erased_at is not null"
                + " and decided_by is not null", Long.class)).as("who decided stays").isEqualTo(1);
    }

    @Test
    void aCompletionWithAnUnknownTypeOrReferenceIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        send(PRIVACY_MAILBOX, "bo@example.dk", "Bo Jensen", "Indsigt", "Hej, jeg vil gerne have indsigt i mine oplysninger.");
        reader.readNow();
        Task task = onlyTask();

        Http.Response badType = complete(task, "{\"messageDecision\": \"register\", \"type\": \"EVERYTHING\", \"site\": \"DK\", \"language\": \"da\"}");
        Http.Response badReference = complete(task, "{\"messageDecision\": \"attach\", \"requestReference\": \"DSR-2026-999999\"}");
        Http.Response noReason = complete(task, "{\"messageDecision\": \"none\"}");
        Http.Response otherMessage = complete(task, "{\"messageDecision\": \"none\", \"notARequest\": \"spam\", \"messageId\": 1}");
        Http.Response byADepartment = http.postJson("/engine-rest/task/" + task.getId() + "/submit-form",
                "{\"variables\": {\"messageDecision\": {\"value\": \"none\"}, \"notARequest\": {\"value\": \"spam\"}}}",
                "Authorization", TestUsers.auth("sales"));

        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body()).contains("Request type (type)");
        assertThat(badReference.status()).isEqualTo(400);
        assertThat(badReference.body()).contains("requestReference").contains("no request DSR-2026-999999");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("notARequest");
        assertThat(otherMessage.status()).as("a completion carries its form's fields only").isBetween(400, 403);
        assertThat(byADepartment.status()).as("a department").isBetween(403, 404);
        assertThat(messageRow().status()).isEqualTo(InboxMessages.Status.NEW);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    }

    @Test
    void theSameMessageReadTwiceAndByTwoReadersAtOnceGivesOneRecordAndOneTask() throws Exception {
        send(PRIVACY_MAILBOX, "eve@example.fi", "Eve Virtanen", "Pyyntö", "Hei, haluan poistaa tietoni.");
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            readers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return reader.readNow();
            }));
        }
        int recorded = readers.stream().mapToInt(CompletableFuture::join).sum();
        recorded += reader.readNow();

        assertThat(recorded).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from dsr_inbox_message", Long.class)).isEqualTo(1);
        assertThat(tasks.createTaskQuery().processDefinitionKey(InboundMessageProcess.KEY).count()).isEqualTo(1);
        assertThat(processedFolder(PRIVACY_MAILBOX, "requests", "inbox-secret-1")).isEqualTo(List.of(1, 0));
    }

    @Autowired
    InboxIntake intake;
    @Autowired
    InboxSettings settings;

    @Test
    void anEmailRecordedByANodeThatStoppedBeforeMovingItIsMovedAtTheNextReadWithoutASecondTask() throws Exception {
        send(PRIVACY_MAILBOX, "rita@example.se", "Rita Restart", "Radera", "Hej, radera mina uppgifter.");
        Store store = greenMail.getImap().createStore();
        store.connect("requests", "inbox-secret-1");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            MimeMessage message = (MimeMessage) inbox.getMessages()[0];
            jakarta.mail.UIDFolder uids = (jakarta.mail.UIDFolder) inbox;
            // A node records and hands on the email, then stops before it moves it.
            assertThat(intake.take(settings.mailboxes().get(0), uids.getUIDValidity(), uids.getUID(message), message)).isTrue();
            inbox.close(false);
        } finally {
            store.close();
        }

        assertThat(reader.readNow()).isZero();

        assertThat(jdbc.queryForObject("select count(*) from dsr_inbox_message", Long.class)).isEqualTo(1);
        assertThat(tasks.createTaskQuery().processDefinitionKey(InboundMessageProcess.KEY).count()).isEqualTo(1);
        assertThat(processedFolder(PRIVACY_MAILBOX, "requests", "inbox-secret-1")).isEqualTo(List.of(1, 0));
    }

    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    org.springframework.integration.jdbc.lock.JdbcLockRegistry inboxLocks;
    @Autowired
    NewMessageHandler newMessages;
    @Autowired
    java.time.Clock clock;

    @Test
    void anEmailWhoseHandlingKeepsFailingBecomesAProblemTaskAtTheThirdAttemptAndTheNextEmailIsHandled() throws Exception {
        // A handler before the new-message task that fails on one email (part 2's handlers come there).
        InboundHandler failing = new InboundHandler() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public boolean handle(InboundMessage message) {
                try {
                    if (message.mime().getSubject().contains("Boom")) {
                        throw new IllegalStateException("the handler failed");
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
                return false;
            }
        };
        InboxIntake withAFailingHandler = (InboxIntake) context.getAutowireCapableBeanFactory()
                .initializeBean(new InboxIntake(messages, List.of(failing, newMessages), newMessages, clock), "inboxIntakeWithAFailingHandler");
        InboxReader failingReader = new InboxReader(settings, withAFailingHandler, inboxLocks, context);
        send(PRIVACY_MAILBOX, "bo@example.se", "Bo Boom", "Boom", "Hej.");

        assertThat(failingReader.readNow()).isZero();
        assertThat(failingReader.readNow()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from dsr_inbox_message", Long.class)).as("rolled back each time").isZero();
        send(PRIVACY_MAILBOX, "greta@example.se", "Greta Good", "Radera", "Hej, radera mina uppgifter.");
        assertThat(failingReader.readNow()).isEqualTo(2);

        assertThat(jdbc.queryForList("select problem from dsr_inbox_message order by uid", String.class)).containsExactly("FAILED", null);
        assertThat(tasks.createTaskQuery().processDefinitionKey(InboundMessageProcess.KEY).list())
                .extracting(task -> (String) tasks.getVariable(task.getId(), "messageProblem"))
                .anySatisfy(problem -> assertThat(problem).contains("could not handle this email (3 attempts"))
                .anySatisfy(problem -> assertThat(problem).isEmpty());
        assertThat(processedFolder(PRIVACY_MAILBOX, "requests", "inbox-secret-1")).isEqualTo(List.of(2, 0));
        assertThat(failingReader.readNow()).isZero();
    }

    @Test
    void hugeMalformedAndSenderlessEmailsBecomeTasksSayingWhatIsWrongAndTheReaderGoesOn(CapturedOutput output) throws Exception {
        appendRaw(PRIVACY_MAILBOX, "requests", "inbox-secret-1", ("From: Hugo Huge <hugo@example.se>\r\nSubject: Huge secret subject\r\n"
                + "Message-ID: <huge@example.se>\r\nContent-Type: text/plain\r\n\r\n" + "x".repeat(1_200_000) + "\r\n").getBytes(StandardCharsets.UTF_8));
        appendRaw(PRIVACY_MAILBOX, "requests", "inbox-secret-1", ("From: Mal Formed <mal@example.se>\r\nSubject: Broken secret subject\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"nowhere\"\r\n\r\nno boundary ever comes\r\n")
                .getBytes(StandardCharsets.UTF_8));
        appendRaw(PRIVACY_MAILBOX, "requests", "inbox-secret-1", ("Subject: Nobody secret subject\r\nContent-Type: text/plain\r\n\r\n"
                + "I want my data, Nils Nobody\r\n").getBytes(StandardCharsets.UTF_8));
        // Parts nested 40 deep: each level reparses the whole body, so such an email could hold the reader for minutes.
        StringBuilder nested = new StringBuilder("From: Nina Nested <nina@example.se>\r\nSubject: Nested secret subject\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (int level = 0; level < 40; level++) {
            nested.append("--b").append(level).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(level + 1).append("\"\r\n\r\n");
        }
        nested.append("--b40\r\nContent-Type: text/plain\r\n\r\ndeep\r\n--b40--\r\n");
        for (int level = 39; level >= 0; level--) {
            nested.append("--b").append(level).append("--\r\n");
        }
        appendRaw(PRIVACY_MAILBOX, "requests", "inbox-secret-1", nested.toString().getBytes(StandardCharsets.UTF_8));
        send(PRIVACY_MAILBOX, "good@example.se", "Greta Good", "Radera", "Hej, radera mina uppgifter.");

        assertThat(reader.readNow()).isEqualTo(5);

        assertThat(jdbc.queryForList("select problem from dsr_inbox_message order by uid", String.class))
                .containsExactly("TOO_LARGE", "MALFORMED", "NO_SENDER", "MALFORMED", null);
        List<Task> all = tasks.createTaskQuery().processDefinitionKey(InboundMessageProcess.KEY).list();
        assertThat(all).hasSize(5);
        List<String> problems = all.stream().map(task -> (String) tasks.getVariable(task.getId(), "messageProblem")).toList();
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("larger than the mailbox's limit"))
                .anySatisfy(problem -> assertThat(problem).contains("structure (MIME) is damaged"))
                .anySatisfy(problem -> assertThat(problem).contains("no usable sender address"))
                .anySatisfy(problem -> assertThat(problem).isEmpty());
        assertThat(processedFolder(PRIVACY_MAILBOX, "requests", "inbox-secret-1")).isEqualTo(List.of(5, 0));
        for (String secret : List.of("Hugo", "hugo@example.se", "Huge secret", "mal@example.se", "Broken secret", "Nobody secret",
                "Nils Nobody", "Greta", "good@example.se", "radera mina", "nina@example.se", "Nested secret")) {
            assertThat(output.getAll()).as("the log").doesNotContain(secret);
        }
        assertNoPersonalDataInTheEngine("Hugo", "hugo@example.se", "mal@example.se", "Nils Nobody", "Greta", "good@example.se");
    }

    @Test
    void theMessagePageIsSanitisedForThePrivacyTeamOnlyAndAttachmentsDownload() throws Exception {
        MimeMessage message = new MimeMessage(smtpSession());
        message.setFrom(new InternetAddress("lin@example.se", "Lin Li", "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, PRIVACY_MAILBOX);
        message.setSubject("Min begäran", "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hej, jag vill ha tillgång.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Hej, jag vill ha <b>tillgång</b>.</p><script>alert('x')</script>"
                + "<img src=\"https://tracker.example.net/pixel.gif\"><a href=\"https://example.net/\">link</a>", "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent("<html><script>alert(1)</script></html>", "text/html");
        attachment.setFileName("passport.html");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachment);
        message.setContent(mixed);
        Transport.send(message);
        reader.readNow();
        long id = messageRow().id();

        Http privacy = WebappSessions.logIn(port, "privacy", "tasklist");
        Http.Response page = privacy.get("/staff/messages/" + id);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Lin Li").contains("lin@example.se").contains("Min begäran").contains("<b>tillgång</b>")
                .contains("passport.html").doesNotContain("<script").doesNotContain("alert(").doesNotContain("tracker.example.net")
                .doesNotContain("<img");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("img-src 'none'");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        Http.Binary download = privacy.getBytes("/staff/messages/" + id + "/attachments/1");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).startsWith("attachment").contains("passport.html");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Cache-Control")).isEqualTo("no-store");
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(WebappSessions.logIn(port, "sales", "tasklist").get("/staff/messages/" + id).status()).isEqualTo(403);
        assertThat(WebappSessions.logIn(port, "managers", "cockpit").get("/staff/messages/" + id).status()).isEqualTo(403);
        assertThat(new Http(port).get("/staff/messages/" + id).status()).isEqualTo(401);
        assertThat(WebappSessions.logIn(port, "sales", "tasklist").getBytes("/staff/messages/" + id + "/attachments/1").status())
                .isEqualTo(403);
        // Nor does a department see the task.
        JsonNode salesTasks = http.get("/engine-rest/task?processDefinitionKey=" + InboundMessageProcess.KEY,
                "Authorization", TestUsers.auth("sales")).json();
        assertThat(salesTasks).isEmpty();
    }

    private Task onlyTask() {
        List<Task> all = tasks.createTaskQuery().processDefinitionKey(InboundMessageProcess.KEY).list();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private InboxMessages.Stored messageRow() {
        long id = jdbc.queryForObject("select max(id) from dsr_inbox_message", Long.class);
        return context().find(id).orElseThrow();
    }

    @Autowired
    InboxMessages messages;

    private InboxMessages context() {
        return messages;
    }

    private Http.Response complete(Task task, String values) throws Exception {
        JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(values);
        StringBuilder variables = new StringBuilder("{\"variables\": {");
        var names = parsed.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            variables.append('"').append(name).append("\": {\"value\": ").append(parsed.get(name).toString()).append("}");
            if (names.hasNext()) {
                variables.append(", ");
            }
        }
        variables.append("}}");
        return http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", variables.toString(),
                "Authorization", TestUsers.auth("privacy"));
    }

    private static Session smtpSession() {
        return greenMail.getSmtp().createSession();
    }

    private static void send(String to, String from, String name, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(smtpSession());
        message.setFrom(new InternetAddress(from, name, "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    /** Appends the bytes as they are (IMAP APPEND), as a server stores what arrived, broken or not. */
    private static void appendRaw(String address, String user, String password, byte[] raw) throws Exception {
        Store store = greenMail.getImap().createStore();
        store.connect(user, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new Message[] {new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw))});
        } finally {
            store.close();
        }
    }

    /** How many messages are in the processed folder and in the INBOX. */
    private static List<Integer> processedFolder(String address, String user, String password) throws Exception {
        Store store = greenMail.getImap().createStore();
        store.connect(user, password);
        try {
            Folder processed = store.getFolder("dsr-processed");
            int moved = processed.exists() ? processed.getMessageCount() : 0;
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int left = (int) java.util.Arrays.stream(inbox.getMessages()).filter(m -> {
                try {
                    return !m.isSet(jakarta.mail.Flags.Flag.DELETED);
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).count();
            inbox.close(false);
            return List.of(moved, left);
        } finally {
            store.close();
        }
    }

    /** None of the words in any engine variable or history row (text columns and serialized values). */
    private void assertNoPersonalDataInTheEngine(String... words) {
        List<String> stored = new ArrayList<>();
        stored.addAll(jdbc.queryForList("select coalesce(TEXT_, '') || ' ' || coalesce(TEXT2_, '') from ACT_RU_VARIABLE", String.class));
        stored.addAll(jdbc.queryForList("select coalesce(TEXT_, '') || ' ' || coalesce(TEXT2_, '') from ACT_HI_VARINST", String.class));
        stored.addAll(jdbc.queryForList("select coalesce(TEXT_, '') || ' ' || coalesce(TEXT2_, '') from ACT_HI_DETAIL", String.class));
        stored.addAll(jdbc.queryForList("select coalesce(NAME_, '') || ' ' || coalesce(DESCRIPTION_, '') from ACT_HI_TASKINST", String.class));
        jdbc.queryForList("select BYTES_ from ACT_GE_BYTEARRAY where DEPLOYMENT_ID_ is null", byte[].class)
                .forEach(bytes -> stored.add(bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8)));
        for (String word : words) {
            assertThat(stored).as("engine tables").noneMatch(value -> value.contains(word));
        }
    }
}
