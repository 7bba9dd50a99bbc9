package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsrflow.evidence.EvidenceRefused;
import org.dsrflow.evidence.IdentityEvidence;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.review.Clarifications;
import org.dsrflow.review.RequesterReplies;
import org.dsrflow.support.RateLimits;
import org.dsrflow.support.Jdbc;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reply page of a request for identity evidence or clarification: a single-use link, a text
 * answer; sending it records the answer, resumes the clock and gives the privacy team its task back.
 * The page repeats what we asked (escaped, like every value): the clarification's question, whose
 * answer is kept with it for the privacy team's next review, or what the identity check asked for.
 * <p>
 * A request for identity evidence also takes files (issue 24): the page's form is multipart and goes to
 * {@value #EVIDENCE_PATH}{@code ?token=…}. Before its body is read, the link (from the address, never the body), the wait
 * for identity evidence and the body's declared size are checked; then the CSRF token (which Spring Security would
 * otherwise have read out of the whole body first), then every file ({@link IdentityEvidence}); a refusal stores nothing
 * and leaves the link usable, like a refused text.
 */
@Controller
class ReplyPageController {

    static final int MAX_REPLY = 4000;
    static final String EVIDENCE_PATH = "/reply/evidence";

    private final TokenService tokens;
    private final RequestRepository requests;
    private final RequestProcessAdapter process;
    private final RateLimits rateLimits;
    private final Clarifications clarifications;
    private final IdentityEvidence evidence;
    private final RequesterReplies replies;
    private final XorCsrfTokenRequestAttributeHandler csrf = new XorCsrfTokenRequestAttributeHandler();

    ReplyPageController(TokenService tokens, RequestRepository requests, RequestProcessAdapter process,
                        RateLimits rateLimits, Clarifications clarifications, IdentityEvidence evidence, RequesterReplies replies) {
        this.tokens = tokens;
        this.requests = requests;
        this.process = process;
        this.rateLimits = rateLimits;
        this.clarifications = clarifications;
        this.evidence = evidence;
        this.replies = replies;
    }

    @GetMapping("/reply")
    String form(@RequestParam(required = false) String token, Model model, HttpServletRequest http,
                HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        return usable(token, model, response).map(request -> {
            RequesterLocaleResolver.useRequestLanguage(http, request.language().locale());
            if (!process.isWaitingForRequesterReply(request.reference())) {
                // closed meanwhile (no answer in time) or answered another way
                model.addAttribute("outcome", "EXPIRED");
                response.setStatus(HttpStatus.GONE.value());
                return "public/reply-done";
            }
            model.addAttribute("token", token);
            model.addAttribute("reference", request.reference());
            askedFor(request, model);
            return "public/reply";
        }).orElse("public/reply-done");
    }

    @PostMapping("/reply")
    @Transactional
    String reply(@RequestParam String token, @RequestParam(required = false) String text, Model model,
                 HttpServletRequest http, HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.REPLY, http.getRemoteAddr());
        Optional<DsrRequest> request = usable(token, model, response);
        if (request.isEmpty()) {
            return "public/reply-done";
        }
        RequesterLocaleResolver.useRequestLanguage(http, request.get().language().locale());
        if (text == null || text.isBlank() || text.length() > MAX_REPLY) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("token", token);
            model.addAttribute("reference", request.get().reference());
            model.addAttribute("error", true);
            model.addAttribute("text", text);
            askedFor(request.get(), model);
            return "public/reply";
        }
        if (!process.isWaitingForRequesterReply(request.get().reference())) {
            // closed meanwhile (no answer in time) or already answered another way: keep the link, say so
            model.addAttribute("outcome", "EXPIRED");
            response.setStatus(HttpStatus.GONE.value());
            return "public/reply-done";
        }
        return recordText(token, request.get(), text, model, response);
    }

    /**
     * The answer to a request for identity evidence with up to {@code max-files} files (multipart: {@code text},
     * {@code files}, {@code _csrf}); the link's token is in the address. Nothing is read from the body before the link,
     * the wait and the declared size are checked.
     */
    @PostMapping(EVIDENCE_PATH)
    @Transactional
    String replyWithEvidence(Model model, HttpServletRequest http, HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.REPLY, http.getRemoteAddr());
        String token = queryParameter(http, "token");
        Optional<DsrRequest> found = usable(token, model, response);
        if (found.isEmpty()) {
            return "public/reply-done";
        }
        DsrRequest request = found.get();
        RequesterLocaleResolver.useRequestLanguage(http, request.language().locale());
        if (!process.isWaitingForRequesterReply(request.reference())) {
            model.addAttribute("outcome", "EXPIRED");
            response.setStatus(HttpStatus.GONE.value());
            return "public/reply-done";
        }
        if (!process.isWaitingForIdentityEvidence(request.reference())) {
            // Our question's answer is text: its page has no file field, and files are not taken for it.
            model.addAttribute("outcome", "TEXT_ONLY");
            model.addAttribute("token", token);
            response.setStatus(HttpStatus.CONFLICT.value());
            return "public/reply-done";
        }
        if (http.getContentLengthLong() > evidence.maxBodyBytes()) {
            return refused(new EvidenceRefusal(EvidenceRefused.Problem.REPLY_TOO_LARGE, null), token, request, null, model, response);
        }
        if (!(http instanceof MultipartHttpServletRequest multipart)) {
            return refused(new EvidenceRefusal(EvidenceRefused.Problem.UNREADABLE, null), token, request, null, model, response);
        }
        String text;
        List<IdentityEvidence.Incoming> files = new ArrayList<>();
        try {
            checkCsrf(multipart);
            text = multipart.getParameter("text");
            for (MultipartFile file : multipart.getFiles("files")) {
                // A browser sends one empty, nameless part when no file was chosen.
                if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
                    continue;
                }
                files.add(new IdentityEvidence.Incoming(file.getOriginalFilename(), file.getBytes()));
            }
        } catch (MaxUploadSizeExceededException e) {
            return refused(new EvidenceRefusal(EvidenceRefused.Problem.REPLY_TOO_LARGE, null), token, request, null, model, response);
        } catch (MultipartException | IOException e) {
            return refused(new EvidenceRefusal(EvidenceRefused.Problem.UNREADABLE, null), token, request, null, model, response);
        }
        if ((files.isEmpty() && (text == null || text.isBlank())) || (text != null && text.length() > MAX_REPLY)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", true);
            return evidenceForm(token, request, text, model);
        }
        try {
            evidence.check(files);
        } catch (EvidenceRefused e) {
            return refused(new EvidenceRefusal(e.problem(), e.file()), token, request, text, model, response);
        }
        Optional<String> refusedLink = used(token, model, response);
        if (refusedLink.isPresent()) {
            return refusedLink.get();
        }
        // The files are stored with the reply before the process moves on (the identity check comes back and shows them).
        replies.reply(request, text == null ? "" : text.strip(), replyId -> evidence.store(request.id(), replyId, files));
        return replied(request, model);
    }

    /** Records the answer and lets the process go on, once the link is used; USED if it was meanwhile. */
    private String recordText(String token, DsrRequest request, String text, Model model, HttpServletResponse response) {
        Optional<String> refusedLink = used(token, model, response);
        if (refusedLink.isPresent()) {
            return refusedLink.get();
        }
        replies.reply(request, text.strip(), replyId -> { });
        return replied(request, model);
    }

    private Optional<String> used(String token, Model model, HttpServletResponse response) {
        if (!tokens.use(token, TokenPurpose.REPLY)) {
            model.addAttribute("outcome", "USED");
            response.setStatus(HttpStatus.GONE.value());
            return Optional.of("public/reply-done");
        }
        return Optional.empty();
    }

    /** Stored and given to the process by {@link RequesterReplies}, the same path as a reply by email. */
    private String replied(DsrRequest request, Model model) {
        model.addAttribute("outcome", "SENT");
        model.addAttribute("reference", request.reference());
        return "public/reply-done";
    }

    /** What was wrong with the files, for the page (the file's name shown escaped, never logged). */
    record EvidenceRefusal(EvidenceRefused.Problem problem, String file) {

        public String key() {
            return "page.reply.evidence." + problem.name();
        }
    }

    private String refused(EvidenceRefusal refusal, String token, DsrRequest request, String text, Model model,
                           HttpServletResponse response) {
        response.setStatus(refusal.problem().status().value());
        model.addAttribute("filesError", refusal);
        return evidenceForm(token, request, text, model);
    }

    private String evidenceForm(String token, DsrRequest request, String text, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("reference", request.reference());
        model.addAttribute("text", text);
        askedFor(request, model);
        return "public/reply";
    }

    /** The same check Spring Security makes on the other forms, on the token in the parsed multipart body. */
    private void checkCsrf(MultipartHttpServletRequest multipart) {
        DeferredCsrfToken deferred = (DeferredCsrfToken) multipart.getAttribute(DeferredCsrfToken.class.getName());
        CsrfToken expected = deferred == null ? null : deferred.get();
        String actual = expected == null ? null : csrf.resolveCsrfTokenValue(multipart, expected);
        if (actual == null || !MessageDigest.isEqual(expected.getToken().getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The page's form expired: open the link in the email again.");
        }
    }

    /** A parameter of the address only: reading it through the request would read a multipart body first. */
    static String queryParameter(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        String value = query == null ? null : UriComponentsBuilder.newInstance().query(query).build().getQueryParams().getFirst(name);
        return value == null ? null : UriUtils.decode(value, StandardCharsets.UTF_8);
    }

    /**
     * What the request waits for: the open clarification's question, else what the identity check asked for; and, while
     * it waits for identity evidence, the form that takes files with its limits.
     */
    private void askedFor(DsrRequest request, Model model) {
        Optional<String> question = clarifications.open(request.id()).map(Clarifications.Exchange::question);
        model.addAttribute("question", question.orElse(null));
        model.addAttribute("asked", question.isPresent() ? null : process.identityEvidenceAskedFor(request.reference()).orElse(null));
        boolean takesFiles = question.isEmpty() && process.isWaitingForIdentityEvidence(request.reference());
        model.addAttribute("evidence", takesFiles);
        if (takesFiles) {
            model.addAttribute("maxFiles", evidence.maxFiles());
            model.addAttribute("maxFileSize", evidence.maxFileSize());
            model.addAttribute("maxReplySize", evidence.maxReplySize());
        }
    }

    /** The request behind a valid, unused, unexpired reply link; otherwise why not (in the model). */
    private Optional<DsrRequest> usable(String token, Model model, HttpServletResponse response) {
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.REPLY);
        if (state.isEmpty()) {
            model.addAttribute("outcome", "UNKNOWN");
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return Optional.empty();
        }
        if (state.get().isUsed()) {
            model.addAttribute("outcome", "USED");
            response.setStatus(HttpStatus.GONE.value());
            return Optional.empty();
        }
        if (state.get().isExpired()) {
            model.addAttribute("outcome", "EXPIRED");
            response.setStatus(HttpStatus.GONE.value());
            return Optional.empty();
        }
        return requests.findById(state.get().requestId());
    }
}
