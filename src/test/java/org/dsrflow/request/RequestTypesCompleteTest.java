package org.dsrflow.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.departments.DepartmentAnswers;
import org.dsrflow.notification.DateText;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.FormsFromRegisterAccess;
import org.dsrflow.response.Answer;
import org.dsrflow.testsupport.SampleEmails;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Everything a request type needs besides what the compiler demands (the exhaustive switches), for
 * every {@link RequestType} and every language of the shipped organisation: its department form, its
 * answer section in the email (HTML and text) and in the report, its texts for requesters and its staff
 * label, an answer rule that refuses an empty answer, and a routing that reaches a department for every
 * category it brings. A constant added to {@code RequestType} fails here until each of these exists.
 */
class RequestTypesCompleteTest {

    static final String REFERENCE = "DSR-2026-000042";

    static DsrProperties.Organisation organisation;
    static Register register;
    static SpringTemplateEngine templates;
    static ResourceBundleMessageSource messages;
    static DmnEngine dmn;
    static DmnDecision routing;

    @BeforeAll
    static void load() throws Exception {
        organisation = org.dsrflow.config.ProcessingRegisterTest.shipped();
        register = new Register(organisation);
        org.dsrflow.testsupport.MailTemplates mail = org.dsrflow.testsupport.MailTemplates.create();
        templates = mail.engine();
        messages = mail.messages();
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream xml = new ClassPathResource("bpmn/department-routing.dmn").getInputStream()) {
            routing = dmn.parseDecision(DataSubjectRequestProcess.ROUTING_DECISION_KEY, xml);
        }
    }

    static Stream<Arguments> typesAndLanguages() throws Exception {
        List<String> languages = languagesOfTheRegister();
        return Stream.of(RequestType.values()).flatMap(type -> languages.stream().map(language -> Arguments.of(type, language)));
    }

    /** Read from the register's file, as the parameters are made before {@link #load()}. */
    private static List<String> languagesOfTheRegister() throws Exception {
        return org.dsrflow.config.ProcessingRegisterTest.shipped().languages();
    }

    @ParameterizedTest(name = "{0} in {1}: the requester's texts")
    @MethodSource("typesAndLanguages")
    void everyTypeHasItsRequesterTextsInEveryLanguage(RequestType type, String language) throws IOException {
        Properties texts = messagesFile(language);
        List<String> keys = new ArrayList<>(List.of("request.type." + type, "page.request.type." + type,
                "report.title." + type, "mail.response." + type.key() + ".intro"));
        if (type.recipientsTold()) {
            keys.add("mail.external.action." + type); // the processor's or recipient's email and page say what to do
        }
        for (String key : keys) {
            assertThat(texts.getProperty(key)).as(key + " in " + fileName(language)).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}: the staff label")
    @EnumSource(RequestType.class)
    void everyTypeHasItsStaffLabel(RequestType type) throws IOException {
        assertThat(messagesFile("en").getProperty("staff.request-type." + type)).as("staff.request-type." + type).isNotBlank();
    }

    @ParameterizedTest(name = "{0} in {1}: the answer email's section")
    @MethodSource("typesAndLanguages")
    void everyTypeHasItsAnswerEmailSectionInHtmlAndText(RequestType type, String language) {
        assertThat(new ClassPathResource("templates/mail/response/" + type.key() + ".html").exists()).as(type + " html section").isTrue();
        assertThat(new ClassPathResource("templates/mail/response/" + type.key() + ".txt").exists()).as(type + " text section").isTrue();
        Locale locale = Locale.forLanguageTag(language);
        Context context = new Context(locale, emailModel(type));
        context.setVariable("dates", new DateText());
        String intro = messages.getMessage("mail.response." + type.key() + ".intro", new Object[] {REFERENCE}, locale);
        String html = templates.process("mail/response", context);
        String text = templates.process("mail/response.txt", context);
        assertThat(html).doesNotContain("??").contains(HtmlUtils.htmlEscape(intro, StandardCharsets.UTF_8.name()));
        assertThat(text).doesNotContain("??").contains(intro);
    }

    @ParameterizedTest(name = "{0} in {1}: the report's section")
    @MethodSource("typesAndLanguages")
    void everyTypeHasItsReportSection(RequestType type, String language) {
        assertThat(new ClassPathResource("templates/documents/report/" + type.reportSection() + ".html").exists())
                .as(type + " report section").isTrue();
        Locale locale = Locale.forLanguageTag(language);
        Context context = new Context(locale);
        context.setVariable("answer", answer(type));
        context.setVariable("forStaff", false);
        context.setVariable("dates", new DateText());
        String report = templates.process("documents/access-report", context);
        assertThat(report).doesNotContain("??")
                .contains("<h1>" + HtmlUtils.htmlEscape(messages.getMessage("report.title." + type, null, locale), StandardCharsets.UTF_8.name()) + "</h1>")
                .contains("id=\"" + type.reportSection() + "\"")
                .contains("id=\"files-handed-over\"", "id=\"files-withheld\"");
    }

    @ParameterizedTest(name = "{0}: its department form")
    @EnumSource(RequestType.class)
    void everyTypeHasItsDepartmentForm(RequestType type) throws Exception {
        java.io.File plain = new java.io.File("forms/" + type.departmentForm() + ".form");
        String form = plain.exists() ? java.nio.file.Files.readString(plain.toPath())
                : FormsFromRegisterAccess.generated(register).get(type.departmentForm() + ".form");
        assertThat(form).as("forms/" + type.departmentForm() + ".form or forms/from-register/" + type.departmentForm() + ".form")
                .isNotNull();
        JsonNode schema = new ObjectMapper().readTree(form);
        assertThat(schema.get("id").asText()).isEqualTo(type.departmentForm());
        // The answer's fields, grouped under the task's one output (what they submit: config/CamundaFormsTest).
        assertThat(schema.toString()).contains("\"path\":\"" + DataSubjectRequestProcess.Variables.ANSWER.name() + "\"");
    }

    @ParameterizedTest(name = "{0}: an empty answer is refused")
    @EnumSource(RequestType.class)
    void everyTypeRefusesAnEmptyDepartmentAnswer(RequestType type) {
        String category = routedCategories(type).get(0);
        DsrProperties.Department department = organisation.department(organisation.category(category).departments().get(0));
        assertThat(DepartmentAnswers.problems(type, new ObjectMapper().createObjectNode(), List.of(category), department,
                LocalDate.parse("2026-03-05"))).as(type + " with an empty answer").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}: every category it brings reaches a department at every site")
    @EnumSource(RequestType.class)
    void everyTypeReachesADepartmentForEveryCategoryItBrings(RequestType type) {
        assertThat(routedCategories(type)).as(type + " brings categories to the departments").isNotEmpty();
        for (String category : routedCategories(type)) {
            for (String site : organisation.sites().keySet()) {
                List<Object> departments = dmn.evaluateDecisionTable(routing, Variables.createVariables()
                                .putValue(DataSubjectRequestProcess.Variables.TYPE.name(), DataSubjectRequestProcess.Variables.TYPE.toEngine(type))
                                .putValue(DataSubjectRequestProcess.Variables.CATEGORIES.name(), List.of(category))
                                .putValue(DataSubjectRequestProcess.Variables.SITE.name(), site))
                        .collectEntries("department");
                assertThat(departments).as(type + " about " + category + " at " + site).isNotEmpty();
            }
        }
    }

    /** The register's categories held by a department that the type brings to the departments. */
    private static List<String> routedCategories(RequestType type) {
        return organisation.categories().entrySet().stream()
                .filter(category -> !category.getValue().departments().isEmpty())
                .filter(category -> switch (type.categoriesRouted()) {
                    case ALL -> true;
                    case PORTABLE -> category.getValue().portableInPart();
                    case OBJECTABLE -> organisation.objectionReaches(category.getValue());
                })
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, Object> emailModel(RequestType type) {
        Map<String, Object> model = SampleEmails.model("Ann Example", REFERENCE);
        model.put("type", type.name());
        model.put("answer", answer(type));
        model.put("csvUrl", "https://dsr.example.org/download?token=xyz&format=csv");
        return model;
    }

    /** The sample answer, as one of this type. */
    private static Answer answer(RequestType type) {
        Answer a = (Answer) SampleEmails.model("Ann Example", REFERENCE).get("answer");
        return new Answer(a.reference(), type, a.organisation(), a.controllerContact(), a.receivedOn(), a.answeredOn(),
                a.authority(), a.dataFound(), a.categories(), a.notPortable(), a.automatedDecisions(), a.transfers(), a.rights(),
                a.corrected(), a.disputed(), a.restrictionGround(), a.restricted(), a.erased(), a.retained(),
                a.recipientsNotified(), a.marketingStopped(), a.objection(), a.withdrawn(), a.partialRefusal(), a.parties(),
                a.files(), a.withheldFiles(), a.systemActions());
    }

    private static Properties messagesFile(String language) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = new ClassPathResource(fileName(language)).getInputStream()) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** English is the default file. */
    private static String fileName(String language) {
        return "en".equals(language) ? "messages.properties" : "messages_" + language + ".properties";
    }
}
