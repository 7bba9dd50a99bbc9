package org.dsrflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.response.DocumentService;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.FietsenOrganisationTest;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

/**
 * Another organisation, from its register and routing decision alone (test resources
 * organisations/fietsen): a Dutch bicycle shop with a Danish branch, its own departments and
 * categories, answering in Danish and English only. Its public form, its Tasklist forms, an access
 * and an erasure request to their answers — and not one text of the reference organisation.
 */
@FietsenOrganisationTest
class SecondOrganisationTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    org.dsrflow.systems.SystemWorker worker;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;
    @Autowired
    RequestRepository requests;
    @Autowired
    DocumentService documents;
    @Autowired
    Register register;
    @Autowired
    DsrProperties properties;
    @Autowired
    org.camunda.bpm.engine.IdentityService identity;
    @Autowired
    org.dsrflow.departments.DepartmentResultRepository results;
    @Autowired
    org.dsrflow.connectors.Connectors connectors;

    private DepartmentWork work;

    @org.junit.jupiter.api.BeforeEach
    void work() {
        work = new DepartmentWork(tasks, management);
    }

    private String approveAndRead(String reference) throws Exception {
        work.approve(reference);
        return Mails.everything(Mails.lastTo(greenMail, "person@example.com"));
    }

    @Test
    void theOrganisationComesFromItsRegisterAlone() throws Exception {
        assertThat(register.languages()).containsExactly("da", "en");
        assertThat(register.siteCodes()).containsExactly("NL", "DK");
        assertThat(register.categoryIds()).containsExactly("customer", "repairs");

        for (String language : register.languages()) {
            Register.InLanguage texts = register.in(language);
            String form = HtmlUtils.htmlUnescape(new Http(port).get("/request?lang=" + language).body());
            assertThat(form).contains(texts.organisationName(), texts.category("customer").name(),
                    texts.category("repairs").name(), texts.site("NL").name(), texts.site("DK").name());
            assertThat(form).contains("value=\"da\"", "value=\"en\"").doesNotContain("value=\"sv\"", "value=\"SE\"");
            assertNoReferenceText(form, "request form in " + language);
        }
        // Not a language of this organisation: refused, naming the ones it has.
        Http.Response swedish = new Http(port).postJson("/api/requests", """
                {"type": "ACCESS", "name": "Jan de Vries", "email": "jan@example.nl", "site": "NL", "language": "sv"}""");
        assertThat(swedish.status()).isEqualTo(400);
        assertThat(swedish.body()).contains("must be one of da, en");
    }

    /** Its systems (the CRM, the books, the repair desk) come from its register and answer at the addresses its environment names. */
    @Test
    void itsSystemsComeFromItsRegisterAndAnswerThroughTheEnvironmentItNames() {
        org.dsrflow.testsupport.CrmDatabase.reset();
        org.dsrflow.testsupport.RepairDeskApi.reset();
        org.dsrflow.connectors.Identity jan = new org.dsrflow.connectors.Identity("jan.devries@example.nl", "Jan de Vries");
        assertThat(connectors.systemsOf("shop")).extracting(org.dsrflow.connectors.DataSystem::name).containsExactly("Customer database (CRM)");
        assertThat(connectors.search(connectors.system("crm").orElseThrow(), "customer", jan).rows())
                .extracting(row -> row.get("id")).containsExactly(1, 3);
        assertThat(connectors.search(connectors.system("ledger").orElseThrow(), "customer", jan).rows())
                .extracting(row -> row.get("id")).containsExactly(101, 102, 104);
        assertThat(connectors.search(connectors.system("repair-desk").orElseThrow(), "repairs", jan).rows())
                .extracting(row -> row.get("id")).containsExactly(17, 23);
    }

    @Test
    void itsTasklistFormsHaveItsCategoriesAndItsRegistrationFormItsLists() {
        String reference = Requests.confirmed(intake, management, process, "ERASURE", "NL", "en", List.of("repairs"));
        worker.runOnce(); // its systems are searched before the departments' tasks open
        Task workshop = work.task(reference, "workshop");
        String form = new String(readAll(forms.getDeployedTaskForm(workshop.getId())));
        assertThat(form).contains("\"path\" : \"repairs\"", "\"path\" : \"customer\"", "Repair history", "Customer details")
                .doesNotContain("\"path\" : \"contact\"", "Contact details");
        assertThat(tasks.getVariable(workshop.getId(), "departmentCategories")).isEqualTo(List.of("repairs"));
        assertThat(tasks.getVariable(workshop.getId(), "retentionOptions").toString()).contains("warranty", "Warranty on the repair");
        String registration = new String(readAll(forms.getDeployedStartForm(
                repository.createProcessDefinitionQuery().processDefinitionKey("register-request").latestVersion()
                        .singleResult().getId())));
        assertThat(registration).contains("\"value\" : \"NL\"", "The Netherlands", "\"value\" : \"repairs\"", "Dansk")
                .doesNotContain("\"value\" : \"SE\"", "Svenska");
    }

    @Test
    void anAccessAndAnErasureRunToTheirAnswersInTheRequestersLanguageWithNothingOfTheReferenceOrganisation() throws Exception {
        // Access, in Danish, at the Danish site
        String access = Requests.confirmed(intake, management, process, "ACCESS", "DK", "da", List.of());
        worker.runOnce(); // its systems are searched before the departments' tasks open
        assertNoReferenceText(Mails.everything(Mails.lastTo(greenMail, "person@example.com")), "acknowledgement");
        assertThat(work.tasks(access).stream().map(work::department).toList()).containsExactlyInAnyOrder("shop", "workshop", "accounts");
        for (Task task : work.tasks(access)) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("found", "yes");
            for (Object category : work.categoriesHeld(task)) {
                answer.put(String.valueOf(category), Map.of("data", "Record " + category));
            }
            work.complete(task, answer);
        }
        String accessAnswer = approveAndRead(access);
        long id = requests.findByReference(access).orElseThrow().id();
        String report = HtmlUtils.htmlUnescape(documents.latest(id, DocumentService.HTML).orElseThrow().content());
        Register.InLanguage danish = register.in("da");
        assertThat(report).contains("Kundeoplysninger", "Reparationshistorik", "Salg og levering af cykler",
                "Vores fragtfirma (databehandler)", "Værkstedet", "Datatilsynet", "Carl Jacobsens Vej 35", danish.transfers());
        assertNoReferenceText(accessAnswer, "access answer");
        assertNoReferenceText(report, "access report");
        // In Danish, none of this register's English texts (its own register, its other language).
        for (String rendered : List.of(accessAnswer, report)) {
            properties.organisation().texts().forEach((key, text) -> {
                String english = text.get("en");
                if (english.length() >= 8 && !english.equals(text.get("da"))) {
                    assertThat(rendered).as("Danish answer with the English text of " + key).doesNotContain(english);
                }
            });
        }

        // Erasure, in English, at the Dutch site: accounts keeps the invoices for the Dutch period
        String erasure = Requests.confirmed(intake, management, process, "ERASURE", "NL", "en", List.of("customer"));
        worker.runOnce(); // its systems are searched before the departments' tasks open
        work.complete(work.task(erasure, "shop"), Map.of("customer", Map.of("action", "erased"), "recipients", "Our delivery company"));
        work.complete(work.task(erasure, "accounts"), Map.of("customer", Map.of("action", "retained", "rule", "fiscal",
                "kept", "2 invoices", "until", "2033-12-31"), "recipients", "none"));
        worker.runOnce(); // the shop's confirmed erasure in its CRM (this person has no rows there)
        String erasureAnswer = approveAndRead(erasure);
        assertThat(erasureAnswer).contains("Customer details", "The shop", "Accounting records (invoices)",
                "seven years (Dutch tax law, fiscale bewaarplicht)", "Autoriteit Persoonsgegevens");
        assertNoReferenceText(erasureAnswer, "erasure answer");
    }

    @Test
    void aWorkshopUserSeesAndAnswersItsOwnCategoryInTasklist() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CI") != null || org.dsrflow.testsupport.Browser.available(),
                "Chromium and chromedriver are not installed (.ci/run installs them)");
        if (identity.createUserQuery().userId("workshop1").count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser("workshop1");
            user.setFirstName("Wim");
            user.setLastName("Workshop");
            user.setPassword(org.dsrflow.testsupport.TestUsers.PASSWORD);
            identity.saveUser(user);
            identity.createMembership("workshop1", "workshop");
        }
        org.dsrflow.testsupport.RepairDeskApi.tickets("person@example.com",
                "[{\"id\": 9001, \"frame\": \"NL-9911\", \"repair\": \"new spokes\", \"on\": \"2025-05-20\"}]");
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "NL", "en", List.of("customer", "repairs"));
        worker.runOnce(); // its systems are searched before the departments' tasks open
        try (org.dsrflow.testsupport.Browser browser = new org.dsrflow.testsupport.Browser()) {
            org.openqa.selenium.WebDriver driver = browser.driver();
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30));
            driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.cssSelector("input[ng-model='username']"))).sendKeys("workshop1");
            driver.findElement(org.openqa.selenium.By.cssSelector("input[type='password']")).sendKeys(org.dsrflow.testsupport.TestUsers.PASSWORD);
            driver.findElement(org.openqa.selenium.By.cssSelector("button[type='submit']")).click();
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(
                    org.openqa.selenium.By.xpath("//*[contains(text(),'The workshop tasks')]"))).click();
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(org.openqa.selenium.By.xpath(
                    "//*[contains(@class,'tasks-list')]//*[contains(text(),'Search or act in ')]"))).click();
            org.openqa.selenium.WebElement found = wait.until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(
                    org.openqa.selenium.By.xpath("//label[contains(normalize-space(),'Yes, we hold data about them')]")));
            driver.findElement(org.openqa.selenium.By.xpath("//*[contains(@class,'claim') or @ng-click='claim()'][contains(normalize-space(),'Claim')]")).click();
            wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskAssignee("workshop1").count() == 1);
            found = wait.until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(
                    org.openqa.selenium.By.xpath("//label[contains(normalize-space(),'Yes, we hold data about them')]")));
            click(driver, found);
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.cssSelector("textarea[id$='field_repairs_data']"))).sendKeys("Frame NL-4711: new chain 2025", org.openqa.selenium.Keys.TAB);
            String shown = driver.findElement(org.openqa.selenium.By.cssSelector(".fjs-container")).getText();
            browser.screenshot("second-organisation-workshop-form");
            assertThat(shown).contains("Repair history").doesNotContain("Customer details", "Contact details");
            // What the repair desk found, as the form says and its link shows it (a tab beside Tasklist).
            assertThat(shown).contains("Found in your systems: Repair desk (helpdesk API): 1 record");
            String systemsPage = driver.findElement(org.openqa.selenium.By.linkText("Found in your systems")).getAttribute("href");
            assertThat(systemsPage).endsWith("/staff/requests/" + reference + "/department-systems");
            String tasklist = driver.getWindowHandle();
            driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB).get(systemsPage);
            String onPage = wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.cssSelector("section.system"))).getText();
            browser.screenshot("second-organisation-workshop-systems-page");
            assertThat(onPage).contains("Repair desk (helpdesk API)", "Searched: 1 record found", "NL-9911", "new spokes");
            driver.close();
            driver.switchTo().window(tasklist);
            assertThat(driver.findElements(org.openqa.selenium.By.cssSelector("textarea[id$='field_customer_data']"))).isEmpty();
            click(driver, wait.until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(
                    org.openqa.selenium.By.cssSelector("button[ng-click='complete()']"))));
            wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("workshop").count() == 0);
        }
        long id = requests.findByReference(reference).orElseThrow().id();
        assertThat(results.findByRequest(id)).singleElement().satisfies(result ->
                assertThat(result.details().path("repairs").path("data").asText()).isEqualTo("Frame NL-4711: new chain 2025"));
    }

    private static void click(org.openqa.selenium.WebDriver driver, org.openqa.selenium.WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    /**
     * No text of the reference organisation's register (its categories, departments, sites,
     * authorities...), except what both registers say (the Danish authority is the same for both).
     */
    private void assertNoReferenceText(String rendered, String what) throws Exception {
        List<String> found = new ArrayList<>();
        DsrProperties.Organisation reference = ProcessingRegisterTest.shipped();
        List<String> ours = properties.organisation().texts().values().stream().flatMap(text -> text.values().stream()).toList();
        reference.texts().forEach((key, text) -> text.values().stream().distinct()
                .filter(value -> value.length() >= 8 && rendered.contains(value))
                .filter(value -> ours.stream().noneMatch(own -> own.contains(value)))
                .forEach(value -> found.add(key + ": " + value)));
        for (String name : List.of("Example Group", "example.org", "Integritetsskyddsmyndigheten")) {
            if (rendered.contains(name)) {
                found.add(name);
            }
        }
        assertThat(found).as(what + " contains text of the reference organisation").isEmpty();
    }








    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
