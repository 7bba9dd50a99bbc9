package org.dsrflow.testsupport;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dsrflow.config.Register;
import org.dsrflow.config.ClockStopRule;
import org.dsrflow.response.Answer;

/** The model of a requester email with every value any template may use (a Swedish access request). */
public final class SampleEmails {

    private SampleEmails() {
    }

    public static Map<String, Object> model(String name, String reference) {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", reference);
        model.put("name", name);
        model.put("type", "ACCESS");
        model.put("organisation", "Example Group");
        model.put("site", new Register.Site("SE", "Sweden", ZoneId.of("Europe/Stockholm"), "Integritetsskyddsmyndigheten (IMY)",
                "Box 8114, 104 20 Stockholm", "https://www.imy.se"));
        model.put("receivedOn", LocalDate.parse("2026-03-05"));
        model.put("dueDate", LocalDate.parse("2026-04-07"));
        model.put("answerDueDate", LocalDate.parse("2026-04-07"));
        model.put("extendedDueDate", LocalDate.parse("2026-06-05"));
        model.put("confirmationRequired", true);
        model.put("confirmUrl", "https://dsr.example.org/confirm?token=abc");
        model.put("statusUrl", "https://dsr.example.org/status?ref=" + reference + "&key=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr");
        model.put("confirmBy", LocalDate.parse("2026-03-19"));
        model.put("reasons", "<b>Complex</b> request");
        model.put("categories", "Contact details");
        model.put("reason", "<b>Accuracy</b> verified");
        model.put("liftOn", LocalDate.parse("2026-04-21"));
        model.put("partyCategories", "Contact details");
        model.put("externalUrl", "https://dsr.example.org/external?token=ext");
        model.put("linkExpires", LocalDate.parse("2026-04-30"));
        model.put("identityRequest", "Your customer number");
        model.put("replyUrl", "https://dsr.example.org/reply?token=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr");
        model.put("answer", new Answer(reference, org.dsrflow.request.RequestType.ACCESS, "Example Group", "privacy@example.org",
                LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-20"), new Answer.Authority("IMY", "Box 8114, 104 20 Stockholm", "https://www.imy.se"),
                true, List.of(new Answer.CategorySection("contact", "Contact details", "name", List.of(new Answer.Purpose("CRM", "contract")), "contract",
                List.of(), "2 years", "you", false, List.of(new Answer.Finding("Sales", name, null)))), List.of(),
                "none", "none", List.of(), List.of(), List.of(), null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of(),
                List.of(new Answer.FileItem("chat-history.csv", "Contact details", "Sales", "12 KB")),
                List.of(new Answer.WithheldFile(null, "Contact details", "Sales", false, "It is mostly about another customer.")), List.of()));
        model.put("reportUrl", "https://dsr.example.org/download?token=xyz");
        model.put("exportUrl", "https://dsr.example.org/download?token=xyz&format=json");
        model.put("linksExpire", LocalDate.parse("2026-05-07"));
        model.put("code", "482913");
        // Art. 20(2): the organisation a portability package was sent to, as the requester typed it.
        model.put("recipientName", "<b>Nordic</b> Bank AB");
        model.put("recipientAddress", "portability@bank.example");
        model.put("transferUrl", "https://dsr.example.org/transfer?token=trf");
        model.put("maxDownloads", 5);
        model.put("codeMinutes", 15L);
        model.put("question", "Which of your <b>two</b> accounts do you mean?");
        model.put("clockStopped", false);
        model.put("replyBy", LocalDate.parse("2026-04-04"));
        model.put("feeAmount", "450.00 SEK");
        model.put("feeReasons", "Your fourth identical request this year");
        model.put("feeCalculation", "Three hours of searching at SEK 150 an hour");
        model.put("feePayment", "Bankgiro 123-4567, reference " + reference);
        model.put("feePayBy", LocalDate.parse("2026-04-04"));
        model.put("feeClockStopped", false);
        return model;
    }
}
