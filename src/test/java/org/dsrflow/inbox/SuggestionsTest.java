package org.dsrflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dsrflow.request.RequestType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The new-message task's suggestions from a message's words (plain Java). */
class SuggestionsTest {

    private static final List<String> LANGUAGES = List.of("en", "sv", "nb", "da", "fi");

    @ParameterizedTest(name = "{0}: {1} in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | ACCESS        | Hello, I would like a copy of my personal data and access to what you have about me.
            sv | ACCESS        | Hej, jag vill ha tillgång till mina personuppgifter som ni har om mig.
            nb | ACCESS        | Hei, jeg ønsker innsyn i personopplysninger dere har om meg.
            da | ACCESS        | Hej, jeg vil gerne have indsigt i de personoplysninger, I har om mig.
            fi | ACCESS        | Hei, haluan pääsyn henkilötietoihini. Kiitos.
            en | ERASURE       | Please delete all my data, I want to be forgotten.
            sv | ERASURE       | Hej, jag vill att ni raderar mina uppgifter. Tack.
            nb | ERASURE       | Hei, jeg vil at dere sletter opplysningene mine, takk.
            da | ERASURE       | Hej, jeg vil gerne have at I sletter mine oplysninger. Tak.
            fi | ERASURE       | Hei, haluan että poistatte tietoni.
            sv | RECTIFICATION | Hej, min adress är felaktig, vill att ni rättar den.
            en | MARKETING_OBJECTION | Please unsubscribe me from your newsletter.
            """)
    void typeAndLanguageAreSuggestedFromTheText(String language, RequestType type, String text) {
        assertThat(Suggestions.type(MailboxPurpose.PRIVACY_REQUESTS, null, text)).contains(type);
        assertThat(Suggestions.language(LANGUAGES, null, text)).isEqualTo(language);
    }

    @Test
    void aMailToTheMarketingMailboxIsAnObjectionToMarketingWhateverItSays() {
        assertThat(Suggestions.type(MailboxPurpose.MARKETING_OPT_OUTS, "Hej", "Radera mig")).contains(RequestType.MARKETING_OBJECTION);
    }

    @Test
    void aTextWithoutKnownWordsSuggestsNoTypeAndTheDefaultLanguage() {
        assertThat(Suggestions.type(MailboxPurpose.PRIVACY_REQUESTS, "?", "123")).isEmpty();
        assertThat(Suggestions.language(LANGUAGES, "?", "123")).isEqualTo("en");
        assertThat(Suggestions.language(List.of("nl", "da"), "?", "Goedendag")).isEqualTo("nl");
    }

    @Test
    void theSiteComesFromTheSendersCountryDomainWhenTheOrganisationHasIt() {
        List<String> sites = List.of("SE", "NO", "DK", "FI", "GB", "INT");
        assertThat(Suggestions.site(sites, "asa@example.se")).contains("SE");
        assertThat(Suggestions.site(sites, "tom@example.co.uk")).contains("GB");
        assertThat(Suggestions.site(sites, "ann@example.com")).isEmpty();
        assertThat(Suggestions.site(sites, null)).isEmpty();
    }

    @Test
    void aReferenceIsFoundInTheSubjectFirstThenInTheText() {
        assertThat(Suggestions.reference("Re: DSR-2026-000123", "about DSR-2026-000999")).contains("DSR-2026-000123");
        assertThat(Suggestions.reference("Re: your email", "my request DSR-2026-000999, please")).contains("DSR-2026-000999");
        assertThat(Suggestions.reference("Re: DSR-26-1", "none")).isEmpty();
    }
}
