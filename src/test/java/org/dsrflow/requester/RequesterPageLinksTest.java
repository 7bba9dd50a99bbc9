package org.dsrflow.requester;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.dsrflow.request.Channel;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Links;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.StartupOutput;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The links a requester follows: the language switcher keeps the page it is on (with its token,
 * reference and key) and uses nothing up; the status page never contradicts itself; every link in
 * the emails and the start-up report points at the port the application listens on when no public
 * address is configured.
 */
@SmtpIntegrationTest
class RequesterPageLinksTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestRepository requests;
    @Autowired
    ManagementService management;
    @Autowired
    ApplicationContext context;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void switchingLanguageOnTheConfirmationPageKeepsTheOutcomeAndUsesNothingUp() throws Exception {
        String reference = submit("en", List.of("contact"));
        String confirm = Mails.confirmationPath(last());
        Http.Response confirmed = Links.confirm(http, confirm);
        assertThat(confirmed.body()).contains("id=\"confirmed\"", reference);

        Http.Response swedish = http.get(switchTo(confirmed.body(), "sv"));
        assertThat(swedish.status()).isEqualTo(200);
        assertThat(swedish.body()).contains("lang=\"sv\"", "id=\"confirmed\"", reference, "aria-label=\"Språk\"")
                .doesNotContain("id=\"unknown\"", "id=\"already-confirmed\"");
        // Each outcome has its own title.
        assertThat(swedish.body()).contains("<title>Tack, din e-postadress är bekräftad</title>");
        assertThat(new Http(port).get("/confirm?token=" + "x".repeat(43)).body())
                .contains("<title>We do not recognise this link</title>");
        // Another browser that opens the used link is told it was used.
        assertThat(new Http(port).get(confirm).body()).contains("id=\"already-confirmed\"");
    }

    @Test
    void switchingLanguageOnTheStatusPageKeepsTheRequest() throws Exception {
        String reference = submit("en", List.of("contact"));
        String status = Mails.linkPath(Mails.text(last()), "/status\\?ref=[^\\s]+&key=[A-Za-z0-9_-]+");
        Http.Response english = http.get(status);
        assertThat(english.body()).contains("id=\"stage\"", reference);

        Http.Response finnish = http.get(switchTo(english.body(), "fi"));
        assertThat(finnish.status()).isEqualTo(200);
        assertThat(finnish.body()).contains("lang=\"fi\"", "id=\"stage\"", reference);
    }

    @Test
    void switchingLanguageAfterSubmittingKeepsTheReference() {
        Map<String, String> form = new LinkedHashMap<>(Map.of("type", "ACCESS", "name", "Sofia Svensson",
                "email", "sofia@example.com", "site", "SE", "language", "sv", "categories", "contact"));
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(http.get("/request").body());
        assertThat(token.find()).isTrue();
        form.put("_csrf", token.group(1));
        assertThat(http.postForm("/request", form).status()).isEqualTo(302);
        Http.Response submitted = http.get("/request/submitted");
        Matcher reference = Pattern.compile("DSR-\\d{4}-\\d{6}").matcher(submitted.body());
        assertThat(reference.find()).isTrue();

        Http.Response danish = http.get(switchTo(submitted.body(), "da"));
        assertThat(danish.body()).contains("lang=\"da\"", reference.group());
    }

    @Test
    void theStatusPageSaysTheIdentityIsBeingCheckedOnceTheEmailIsConfirmed() throws Exception {
        // No categories chosen: health data is included, so the privacy team checks identity by hand.
        String reference = submit("en", List.of());
        MimeMessage acknowledgement = last();
        Links.confirm(http, Mails.confirmationPath(acknowledgement));
        Http.Response status = http.get(Mails.linkPath(Mails.text(acknowledgement),
                "/status\\?ref=[^\\s]+&key=[A-Za-z0-9_-]+"));
        assertThat(status.body()).contains(reference, "We are checking your identity")
                .doesNotContain("We are waiting for you to confirm your email address");
    }

    @Test
    void linksInEmailsAndTheStartupReportUseThePortTheApplicationListensOn() throws Exception {
        submit("en", List.of("contact"));
        assertThat(Mails.text(last())).contains("http://localhost:" + port + "/confirm?token=",
                "http://localhost:" + port + "/status?ref=");
        assertThat(StartupOutput.of(context)).contains("Request form (public):    http://localhost:" + port + "/");
    }

    private String submit(String language, List<String> categories) throws Exception {
        String reference = intake.submitReceivedToday(new NewRequest("ACCESS", "Test Person", "person@example.com", "SE",
                language, categories, null), Channel.WEB).request().reference();
        Jobs.executeDue(management);
        return reference;
    }

    private MimeMessage last() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        return received[received.length - 1];
    }

    /** The language switcher's link to {@code language} on the page. */
    private static String switchTo(String page, String language) {
        Matcher nav = Pattern.compile("<nav class=\"languages\".*?</nav>", Pattern.DOTALL).matcher(page);
        assertThat(nav.find()).as("language switcher").isTrue();
        Matcher anchor = Pattern.compile("<a\\s[^>]*lang=\"" + language + "\"[^>]*>").matcher(nav.group());
        assertThat(anchor.find()).as("switcher link to " + language + " in " + nav.group()).isTrue();
        Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(anchor.group());
        assertThat(href.find()).isTrue();
        return href.group(1).replace("&amp;", "&");
    }
}
