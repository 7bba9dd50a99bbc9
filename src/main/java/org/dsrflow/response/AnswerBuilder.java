package org.dsrflow.response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import org.dsrflow.config.Register;
import org.dsrflow.request.RequestType;
import org.dsrflow.systems.SystemRecords;
import org.springframework.context.MessageSource;
import org.dsrflow.departments.DepartmentAnswer;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.departments.ReviewedFiles;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.DsrRequest;
import org.springframework.stereotype.Component;

/**
 * Compiles the departments' answers and the processing register into the {@link Answer}: the
 * Art. 15 items for every category in which data was found, the erased and retained items with
 * their legal basis and period, the recipients told of the erasure, the marketing channels stopped.
 */
@Component
public class AnswerBuilder {

    private final DepartmentResultRepository results;
    private final Register register;
    private final MessageSource messages;
    private final RequestProcessAdapter process;
    private final ExternalPartyAnswers parties;
    private final ReviewedFiles reviewedFiles;
    private final SystemRecords systemRecords;

    AnswerBuilder(DepartmentResultRepository results, Register register, MessageSource messages,
                  RequestProcessAdapter process, ExternalPartyAnswers parties, ReviewedFiles reviewedFiles,
                  SystemRecords systemRecords) {
        this.reviewedFiles = reviewedFiles;
        this.systemRecords = systemRecords;
        this.parties = parties;
        this.process = process;
        this.results = results;
        this.register = register;
        this.messages = messages;
    }

    /** The answer in the request's language: every text of the register in it. */
    public Answer build(DsrRequest request, LocalDate answeredOn, String partialRefusal) {
        return build(request, answeredOn, partialRefusal, objectionDecisions(request));
    }

    /** The privacy team's objection decisions in the request's running process; null before they are made. */
    private com.fasterxml.jackson.databind.JsonNode objectionDecisions(DsrRequest request) {
        if (!request.type().weighsCompellingGrounds() || request.processInstanceId() == null) {
            return null;
        }
        String text = process.objectionDecisions(request.processInstanceId());
        try {
            return text == null ? null : new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The answer, with the privacy team's decisions on an objection (Art. 21(1)) per purpose:
     * {@code {<purpose>: {override: yes|no, grounds}}}; a purpose without {@code override: yes} is stopped.
     */
    public Answer build(DsrRequest request, LocalDate answeredOn, String partialRefusal,
                        com.fasterxml.jackson.databind.JsonNode objectionDecisions) {
        String language = request.language().name();
        Register.InLanguage texts = register.in(language);
        Register.Site site = texts.site(request.site());
        List<DepartmentResult> answers = results.findByRequest(request.id());
        List<SystemRecords.Found> systemsFound = systemRecords.found(request.id());
        List<Answer.CategorySection> sections = new ArrayList<>();
        List<Answer.CorrectionItem> corrected = new ArrayList<>();
        List<Answer.CorrectionItem> disputed = new ArrayList<>();
        List<Answer.CorrectionItem> restricted = new ArrayList<>();
        List<Answer.ErasureItem> erased = new ArrayList<>();
        List<Answer.RetainedItem> retained = new ArrayList<>();
        Set<String> recipients = new LinkedHashSet<>();
        Set<String> channels = new LinkedHashSet<>();
        List<String> notPortable = new ArrayList<>();
        Set<String> objectedPurposes = new LinkedHashSet<>();
        Set<String> withdrawnPurposes = new LinkedHashSet<>();
        for (String categoryId : request.categories()) {
            if (!register.categoryIds().contains(categoryId)) {
                continue;
            }
            Register.Category category = texts.category(categoryId);
            if (!routed(request.type(), category)) {
                notPortable.add(category.name());
                continue;
            }
            if (request.type().categoriesRouted() == RequestType.Categories.PORTABLE && !category.notPortablePurposes().isEmpty()) {
                // Art. 20(1)(a): the category's data kept for purposes on other legal bases is not portable; say which.
                notPortable.add(category.name() + " (" + String.join("; ",
                        category.notPortablePurposes().stream().map(Register.Purpose::name).toList()) + ")");
            }
            List<Answer.Finding> findings = new ArrayList<>();
            for (DepartmentResult result : answers) {
                DepartmentAnswer.Category entry = result.answer().category(categoryId);
                String department = texts.departmentName(result.department());
                if (!entry.data().isBlank()) {
                    findings.add(new Answer.Finding(department, entry.data(), blankToNull(entry.source())));
                }
                entry.action().ifPresent(action -> {
                    switch (action) {
                        case erased -> erased.add(erasureItem(texts, categoryId, department, category, entry));
                        case retained -> retained.add(retainedItem(texts, result, entry, category, request.site()));
                        case corrected -> corrected.add(new Answer.CorrectionItem(department, category.name(), entry.correction()));
                        case disputed -> disputed.add(new Answer.CorrectionItem(department, category.name(), entry.reason()));
                        case restricted -> restricted.add(new Answer.CorrectionItem(department, category.name(), entry.how()));
                        case stopped -> {
                            category.objectablePurposes().forEach(purpose -> objectedPurposes.add(purpose.id()));
                            category.withdrawablePurposes().forEach(purpose -> withdrawnPurposes.add(purpose.id()));
                        }
                        case none -> { }
                    }
                });
            }
            for (SystemRecords.Found found : systemsFound) {
                if (found.category().equals(categoryId) && !found.rows().isEmpty()) {
                    findings.add(new Answer.Finding(texts.departmentName(found.department()), null, null, found.systemName(),
                            found.columns(), found.rows()));
                }
            }
            if (!findings.isEmpty()) {
                sections.add(new Answer.CategorySection(categoryId, category.name(), category.description(),
                        category.purposes().stream().map(purpose -> new Answer.Purpose(purpose.name(), purpose.legalBasis())).toList(),
                        category.legalBasis(), category.recipients().stream().map(AnswerBuilder::recipient).toList(), category.retention(),
                        category.source(), category.specialCategory(), findings));
            }
        }
        for (DepartmentResult result : answers) {
            String told = result.answer().recipients();
            if (!told.isBlank() && !told.equalsIgnoreCase("none")) {
                recipients.add(texts.departmentName(result.department()) + ": " + told);
            }
            List<String> stopped = result.answer().channels();
            if (stopped != null) {
                stopped.stream().filter(channel -> !channel.equals("none")).forEach(channels::add);
            }
        }
        List<Answer.ObjectionItem> objection = objectedPurposes.stream().map(texts::purpose).map(purpose -> {
            com.fasterxml.jackson.databind.JsonNode decision = objectionDecisions == null ? null : objectionDecisions.path(purpose.id());
            boolean continued = decision != null && "yes".equals(decision.path("override").asText(""));
            return new Answer.ObjectionItem(purpose.name(), purpose.legalBasis(), continued,
                    continued ? decision.path("grounds").asText("") : null);
        }).toList();
        List<Answer.Purpose> withdrawn = withdrawnPurposes.stream().map(texts::purpose)
                .map(purpose -> new Answer.Purpose(purpose.name(), purpose.legalBasis())).toList();
        Locale locale = request.language().locale();
        List<String> rights = new java.util.ArrayList<>(List.of(messages.getMessage("report.rights.list", null, locale),
                messages.getMessage("report.authority", new Object[] {site.authority(), site.authorityUrl()}, locale)));
        if (site.complaintsToUs() != null) {
            rights.add(site.complaintsToUs()); // beside the authority and the courts, never instead (UK: DPA 2018 s.164A)
        }
        List<ReviewedFiles.ReviewedFile> reviewed = reviewedFiles.of(request.id());
        return new Answer(request.reference(), request.type(), texts.organisationName(), texts.contact(),
                request.receivedOn(), answeredOn, new Answer.Authority(site.authority(), site.authorityAddress(),
                site.authorityUrl().isEmpty() ? null : site.authorityUrl()),
                !sections.isEmpty(), sections, notPortable, texts.automatedDecisions(), texts.transfers(), rights,
                corrected, disputed, request.restrictionGround() == null ? null : request.restrictionGround().name(),
                restricted, erased, retained, List.copyOf(recipients), List.copyOf(channels), objection, withdrawn, blankToNull(partialRefusal),
                parties(request, texts, site), files(reviewed, texts), withheldFiles(reviewed, texts), systemActions(request, texts));
    }

    /** What the confirmed erasure, rectification or restriction did in the organisation's systems. */
    private List<Answer.SystemAction> systemActions(DsrRequest request, Register.InLanguage texts) {
        return systemRecords.actions(request.id()).stream().map(done -> new Answer.SystemAction(texts.departmentName(done.department()),
                categoryName(texts, done.category()), done.systemName(), done.carriedOut(), done.affected())).toList();
    }

    /** The files the package hands over, as the privacy team decided (Art. 15(3)). */
    private List<Answer.FileItem> files(List<ReviewedFiles.ReviewedFile> reviewed, Register.InLanguage texts) {
        return ReviewedFiles.toHandOver(reviewed).stream().map(file -> new Answer.FileItem(file.name(),
                categoryName(texts, file.category()), texts.departmentName(file.department()), size(file.size()))).toList();
    }

    /** What was withheld or redacted, with the privacy team's reason (Art. 15(4), 12(4)); an excluded file's name is not repeated. */
    private List<Answer.WithheldFile> withheldFiles(List<ReviewedFiles.ReviewedFile> reviewed, Register.InLanguage texts) {
        return reviewed.stream()
                .filter(file -> file.decision() == ReviewedFiles.Decision.EXCLUDE || file.decision() == ReviewedFiles.Decision.REPLACE)
                .map(file -> {
                    boolean redacted = file.decision() == ReviewedFiles.Decision.REPLACE;
                    return new Answer.WithheldFile(redacted && file.redacted() != null ? file.redacted().name() : null,
                            categoryName(texts, file.category()), texts.departmentName(file.department()), redacted, file.reason());
                }).toList();
    }

    private String categoryName(Register.InLanguage texts, String id) {
        return register.categoryIds().contains(id) ? texts.category(id).name() : id;
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " KB"
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** The parties asked through their link (Art. 19, 28), by their names in the requester's language. */
    private List<Answer.PartyItem> parties(DsrRequest request, Register.InLanguage texts, Register.Site site) {
        return parties.of(request.id()).stream()
                .map(party -> new Answer.PartyItem(
                        recipientName(texts, party.party()),
                        party.outcome() == null ? "WAITING" : party.outcome().name(),
                        party.askedAt() == null ? null : java.time.LocalDate.ofInstant(party.askedAt(), site.zone()),
                        party.answeredAt() == null ? null : java.time.LocalDate.ofInstant(party.answeredAt(), site.zone()),
                        party.statement()))
                .toList();
    }

    /** C-154/21: the recipient by its identity where the register records it, with its role; third-country marking (Art. 15(2)). */
    private static Answer.Recipient recipient(Register.Recipient recipient) {
        return new Answer.Recipient(recipient.legalName(), recipient.role(), recipient.country(), recipient.safeguard());
    }

    private static String recipientName(Register.InLanguage texts, String id) {
        try {
            return texts.recipient(id).name();
        } catch (RuntimeException unknown) {
            return id; // no longer in the register
        }
    }

    /**
     * Art. 17(2): erased data we had made public says which purposes published it and whether others who process it
     * were informed (or none was found); the department's own account of its steps stays with the privacy team.
     */
    private static Answer.ErasureItem erasureItem(Register.InLanguage texts, String categoryId, String department,
                                                  Register.Category category, DepartmentAnswer.Category entry) {
        List<Register.Publication> publications = texts.publications(categoryId);
        String publication = entry.publication().filter(told -> told != DepartmentAnswer.Publication.unpublished)
                .map(Enum::name).orElse(null);
        if (publications.isEmpty() || publication == null) {
            return new Answer.ErasureItem(department, category.name());
        }
        return new Answer.ErasureItem(department, category.name(),
                String.join("; ", publications.stream().map(Register.Publication::purpose).toList()), publication);
    }

    private Answer.RetainedItem retainedItem(Register.InLanguage texts, DepartmentResult result, DepartmentAnswer.Category entry,
                                             Register.Category category, String site) {
        String ruleId = entry.rule();
        Register.RetentionRule rule = texts.retentionRules(result.department(), site).stream()
                .filter(candidate -> candidate.id().equals(ruleId)).findFirst().orElse(null);
        return new Answer.RetainedItem(texts.departmentName(result.department()), category.name(), entry.kept(),
                rule == null ? ruleId : rule.label(), rule == null ? null : rule.legalBasis(),
                rule == null ? null : rule.period(), entry.until().orElse(null));
    }

    /**
     * Whether the departments worked on the category for this type: the answer lists a category outside
     * portability (Art. 20(1)) as not portable; an objection's categories are those it names (Art. 21(1)).
     */
    private static boolean routed(RequestType type, Register.Category category) {
        return switch (type.categoriesRouted()) {
            case ALL, OBJECTABLE -> true;
            case PORTABLE -> category.portable();
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
