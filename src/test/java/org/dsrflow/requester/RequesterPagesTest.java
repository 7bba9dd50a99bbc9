package org.dsrflow.requester;

import org.dsrflow.testsupport.ReferenceLanguages;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.Language;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public request form over HTTP: languages, CSRF, validation with input kept, honeypot. */
@SmtpIntegrationTest
class RequesterPagesTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    RequestRepository requests;
    @Autowired
    ManagementService management;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void formSpeaksTheBrowsersLanguageAndTheSwitcherChangesIt() {
        Http.Response swedish = http.get("/", "Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5");
        assertThat(swedish.status()).isEqualTo(200);
        assertThat(swedish.body()).contains("lang=\"sv\"", "Fråga om dina personuppgifter", "Skicka min begäran");
        Http.Response norwegian = http.get("/request", "Accept-Language", "no");
        assertThat(norwegian.body()).contains("Spør om personopplysningene dine");
        Http.Response finnish = http.get("/request?lang=fi", "Accept-Language", "sv");
        assertThat(finnish.body()).contains("lang=\"fi\"", "Kysy henkilötiedoistasi");
        assertThat(http.get("/request", "Accept-Language", "sv").body()).as("remembered").contains("Kysy henkilötiedoistasi");
    }

    @Test
    void postingWithoutTheFormsCsrfTokenIsRefused() {
        long before = requests.count();
        Http.Response forged = http.postForm("/request", valid("Eve", "eve@example.com"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(requests.count()).isEqualTo(before);
    }

    @Test
    void validRequestShowsTheReferenceAndCarriesTheLanguageIntoTheEmail() throws Exception {
        Map<String, String> form = valid("Sofia Svensson", "sofia@example.com");
        form.put("language", "sv");
        Http.Response posted = http.postForm("/request", withCsrf(form, "sv"), "Accept-Language", "sv");
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.header("Location")).endsWith("/request/submitted");
        Http.Response submitted = http.get("/request/submitted", "Accept-Language", "sv");
        Matcher reference = Pattern.compile("DSR-\\d{4}-\\d{6}").matcher(submitted.body());
        assertThat(reference.find()).isTrue();
        assertThat(submitted.body()).contains("Tack, vi har tagit emot din begäran");

        DsrRequest stored = requests.findByReference(reference.group()).orElseThrow();
        assertThat(stored.language()).isEqualTo(ReferenceLanguages.SV);
        assertThat(stored.categories()).containsExactly("contact", "digital");
        Jobs.executeDue(management);
        assertThat(greenMail.getReceivedMessages()[greenMail.getReceivedMessages().length - 1].getSubject())
                .isEqualTo("Vi har tagit emot din begäran " + reference.group());
    }

    @Test
    void invalidInputShowsErrorsBesideTheFieldsAndKeepsTheInput() {
        long before = requests.count();
        Map<String, String> form = valid("Ann <b>Example</b>", "not-an-email");
        form.put("onBehalf", "true");
        Http.Response page = http.postForm("/request", withCsrf(form, "en"), "Accept-Language", "en");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"error-summary\"", "Enter a valid email address",
                "Enter your own name", "Confirm that the person has authorised you");
        assertThat(page.body()).contains("value=\"Ann &lt;b&gt;Example&lt;/b&gt;\"", "value=\"not-an-email\"")
                .doesNotContain("<b>Example</b>");
        assertThat(requests.count()).isEqualTo(before);
    }

    @Test
    void aRectificationWithoutDetailsAsksWhatIsWrongAndWhatIsRightInTheRequestersLanguage() {
        long before = requests.count();
        Map<String, String> form = valid("Eva Ek", "eva@example.com");
        form.put("type", "RECTIFICATION");
        Http.Response page = http.postForm("/request", withCsrf(form, "sv"), "Accept-Language", "sv");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"error-summary\"", "Skriv vad som är fel och vad som är rätt")
                .contains("Rätta uppgifter om mig som är fel");
        assertThat(requests.count()).isEqualTo(before);
    }

    @Test
    void aBotFillingTheHoneypotGetsAThankYouAndNothingIsStored() {
        long before = requests.count();
        Map<String, String> form = valid("Bot", "bot@example.com");
        form.put("website", "http://spam.example");
        Http.Response posted = http.postForm("/request", withCsrf(form, "en"));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(requests.count()).isEqualTo(before);
    }

    @Test
    void anUnknownAddressGetsANotFoundPageInTheRequestersLanguage() {
        Http.Response swedish = http.get("/no-such-page", "Accept", "text/html", "Accept-Language", "sv-SE,sv;q=0.9");
        assertThat(swedish.status()).isEqualTo(404);
        assertThat(swedish.header("Content-Type")).startsWith("text/html");
        assertThat(swedish.body()).contains("lang=\"sv\"", "<title>Sidan finns inte</title>", "Till formuläret", "href=\"/\"")
                .doesNotContain("Whitelabel", "Not Found");
        // The language switcher keeps the address asked for, not the error page's own
        assertThat(swedish.body()).contains("href=\"/no-such-page?lang=fi\"").doesNotContain("/error");
        Http.Response finnish = http.get("/request/no-such-page?lang=fi", "Accept", "text/html");
        assertThat(finnish.status()).isEqualTo(404);
        assertThat(finnish.body()).contains("lang=\"fi\"", "Sivua ei löydy");
    }

    @Test
    void aFormSentWithoutItsTokenGetsAPageInTheRequestersLanguageThatSaysWhatToDo() {
        Http.Response forged = http.postForm("/request", valid("Eve", "eve@example.com"), "Accept", "text/html", "Accept-Language", "da");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("lang=\"da\"", "Det lykkedes ikke", "genindlæs siden").doesNotContain("Whitelabel");
    }

    @Test
    void unknownAddressesOfTheApisKeepTheirJsonAnswers() {
        Http.Response api = http.get("/api/no-such-thing", "Accept", "application/json");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.header("Content-Type")).contains("json");
        assertThat(api.json().get("status").asInt()).isEqualTo(404);
        Http.Response engine = http.get("/engine-rest/no-such-thing", "Accept", "text/html",
                "Authorization", Http.basic("admin", "it-admin-password-1"));
        assertThat(engine.status()).isEqualTo(404);
        assertThat(engine.json().get("type").asText()).isEqualTo("NotFoundException");
    }

    @Test
    void aRestrictionWithTheGroundNotGivenIsStoredWithoutAGround() {
        Map<String, String> form = valid("Rita Restrict", "rita@example.com");
        form.put("type", "RESTRICTION");
        form.put("ground", "");
        Http.Response posted = http.postForm("/request", withCsrf(form, "en"), "Accept-Language", "en");
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        Matcher reference = Pattern.compile("DSR-\\d{4}-\\d{6}").matcher(http.get("/request/submitted").body());
        assertThat(reference.find()).isTrue();
        assertThat(requests.findByReference(reference.group()).orElseThrow().restrictionGround()).isNull();
    }

    @Test
    void forSomeoneElseTheErrorsNameThePersonAskedFor() {
        Map<String, String> form = valid("", "not-an-email");
        form.put("onBehalf", "true");
        form.put("agentName", "Anna Agent");
        form.put("agentEmail", "anna@example.com");
        form.put("authorisationConfirmed", "true");
        Http.Response page = http.postForm("/request", withCsrf(form, "sv"), "Accept-Language", "sv");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Fyll i namnet på den person du frågar för", "Fyll i personens giltiga e-postadress")
                .doesNotContain("Fyll i ditt namn");
    }

    private static Map<String, String> valid(String name, String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "ACCESS");
        form.put("name", name);
        form.put("email", email);
        form.put("site", "SE");
        form.put("language", "en");
        form.put("categories", "contact|digital");
        return form;
    }

    /** Opens the form like a browser and takes its CSRF token. */
    private Map<String, String> withCsrf(Map<String, String> form, String language) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(http.get("/request", "Accept-Language", language).body());
        assertThat(token.find()).as("the form carries a CSRF token").isTrue();
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", token.group(1));
        return withToken;
    }
}
