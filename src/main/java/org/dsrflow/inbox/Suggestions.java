package org.dsrflow.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsrflow.request.RequestType;

/**
 * What a message probably asks for, as suggestions the privacy team confirms or changes: the request type from words
 * in the supported languages (a mail to the marketing mailbox: an objection to marketing), the language among the
 * organisation's by common words (a small stop-word count: enough for a letter of a few sentences and nothing to
 * download; the team corrects the rare miss), the site from the sender's country domain, and a request reference
 * found in the subject or the text.
 */
final class Suggestions {

    /** Word stems per type, in en, sv, nb, da, fi; the type with most hits is suggested. */
    private static final Map<RequestType, List<String>> TYPE_WORDS = new LinkedHashMap<>();
    static {
        TYPE_WORDS.put(RequestType.ACCESS, List.of("access", "copy of", "what data", "what personal data", "subject access",
                "tillgång", "registerutdrag", "utdrag", "innsyn", "indsigt", "pääsy", "tarkastusoikeu", "kopia", "kopi av", "kopi af"));
        TYPE_WORDS.put(RequestType.ERASURE, List.of("erase", "erasure", "delete", "deletion", "be forgotten", "remove my",
                "radera", "radering", "ta bort", "glömd", "slette", "sletting", "sletning", "slet ", "poista", "poistaminen", "unohdetuksi"));
        TYPE_WORDS.put(RequestType.RECTIFICATION, List.of("rectif", "correct", "incorrect", "wrong", "rätta", "rättelse", "felaktig",
                "korrigere", "retting", "rette", "berigtig", "urigtig", "oikais", "korjaa", "virheelli"));
        TYPE_WORDS.put(RequestType.RESTRICTION, List.of("restrict", "begränsa", "begränsning", "begrense", "begrensning",
                "begrænse", "begrænsning", "rajoit"));
        TYPE_WORDS.put(RequestType.PORTABILITY, List.of("portab", "transfer my data", "machine-readable", "dataportabilitet",
                "flytta mina", "overføre", "overføring", "siirrettävyy", "siirtää"));
        TYPE_WORDS.put(RequestType.OBJECTION, List.of("object to", "objection", "invänd", "motsätter", "innsigelse", "protestere",
                "indsigelse", "gøre indsigelse", "vastust", "kiellän"));
        TYPE_WORDS.put(RequestType.MARKETING_OBJECTION, List.of("unsubscribe", "marketing", "newsletter", "avregistrera",
                "nyhetsbrev", "marknadsföring", "utskick", "avslutt", "markedsføring", "afmeld", "nyhedsbrev", "peruuta", "uutiskirje",
                "markkinointi"));
    }

    /** Common words per language; only the organisation's languages compete. */
    private static final Map<String, List<String>> LANGUAGE_WORDS = Map.of(
            "en", List.of("the", "and", "i", "my", "to", "of", "you", "please", "would", "like", "want", "have", "is", "hello", "about", "me"),
            "sv", List.of("och", "jag", "att", "det", "mina", "har", "inte", "vill", "är", "till", "med", "för", "om", "hej", "mig", "tack",
                    "personuppgifter", "ni", "av", "vänliga"),
            "nb", List.of("og", "jeg", "det", "ikke", "mine", "har", "vil", "er", "til", "med", "for", "om", "hei", "meg", "takk",
                    "personopplysninger", "av", "gjerne", "dere", "ønsker"),
            "da", List.of("og", "jeg", "det", "ikke", "mine", "har", "vil", "er", "til", "med", "for", "om", "hej", "mig", "tak",
                    "personoplysninger", "af", "gerne", "jer", "ønsker"),
            "fi", List.of("ja", "minä", "olen", "haluan", "että", "ei", "on", "se", "kiitos", "hei", "minun", "tietoni", "tietoja",
                    "henkilötietoni", "pyydän", "te", "teidän", "ystävällisin"));

    private static final Pattern REFERENCE = Pattern.compile("\\bDSR-\\d{4}-\\d{6}\\b");
    private static final Pattern WORD = Pattern.compile("[\\p{L}]+");

    private Suggestions() {
    }

    static Optional<RequestType> type(MailboxPurpose purpose, String subject, String text) {
        if (purpose == MailboxPurpose.MARKETING_OPT_OUTS) {
            return Optional.of(RequestType.MARKETING_OBJECTION);
        }
        String all = (" " + nullToEmpty(subject) + " " + nullToEmpty(text) + " ").toLowerCase(Locale.ROOT);
        RequestType best = null;
        int bestHits = 0;
        for (Map.Entry<RequestType, List<String>> entry : TYPE_WORDS.entrySet()) {
            int hits = 0;
            for (String word : entry.getValue()) {
                hits += count(all, word);
            }
            if (hits > bestHits) {
                best = entry.getKey();
                bestHits = hits;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The organisation's language whose common words occur most often; the first (default) language when none does. */
    static String language(List<String> languages, String subject, String text) {
        Map<String, Integer> hits = new LinkedHashMap<>();
        languages.forEach(language -> hits.put(language, 0));
        Matcher words = WORD.matcher((nullToEmpty(subject) + " " + nullToEmpty(text)).toLowerCase(Locale.ROOT));
        while (words.find()) {
            String word = words.group();
            for (String language : languages) {
                if (LANGUAGE_WORDS.getOrDefault(language, List.of()).contains(word)) {
                    hits.merge(language, 1, Integer::sum);
                }
            }
        }
        return hits.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(languages.get(0));
    }

    /** The site whose code is the sender's country domain (example.se: SE; .uk: GB), when the organisation has it. */
    static Optional<String> site(List<String> sites, String senderAddress) {
        if (senderAddress == null || !senderAddress.contains(".")) {
            return Optional.empty();
        }
        String domain = senderAddress.substring(senderAddress.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
        String code = "UK".equals(domain) ? "GB" : domain;
        return sites.contains(code) ? Optional.of(code) : Optional.empty();
    }

    static Optional<String> reference(String subject, String text) {
        for (String where : new String[] {subject, text}) {
            Matcher found = REFERENCE.matcher(nullToEmpty(where));
            if (found.find()) {
                return Optional.of(found.group());
            }
        }
        return Optional.empty();
    }

    private static int count(String text, String word) {
        int count = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
            // a stem matches at the start of a word only ("access" not in "inaccessible")
            if (at == 0 || !Character.isLetter(text.charAt(at - 1))) {
                count++;
            }
        }
        return count;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
