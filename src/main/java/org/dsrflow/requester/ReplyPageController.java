package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.review.Clarifications;
import org.dsrflow.review.RequesterReplies;
import org.dsrflow.support.RateLimits;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.http.HttpStatus;
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
 */
@Controller
class ReplyPageController {

    static final int MAX_REPLY = 4000;

    private final TokenService tokens;
    private final RequestRepository requests;
    private final RequestProcessAdapter process;
    private final RateLimits rateLimits;
    private final Clarifications clarifications;
    private final RequesterReplies replies;

    ReplyPageController(TokenService tokens, RequestRepository requests, RequestProcessAdapter process,
                        RateLimits rateLimits, Clarifications clarifications, RequesterReplies replies) {
        this.tokens = tokens;
        this.requests = requests;
        this.process = process;
        this.rateLimits = rateLimits;
        this.clarifications = clarifications;
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
        if (!tokens.use(token, TokenPurpose.REPLY)) {
            model.addAttribute("outcome", "USED");
            response.setStatus(HttpStatus.GONE.value());
            return "public/reply-done";
        }
        // Stored and kept with the open question before the process moves on (the same path as a reply by email).
        replies.reply(request.get(), text);
        model.addAttribute("outcome", "SENT");
        model.addAttribute("reference", request.get().reference());
        return "public/reply-done";
    }

    /** What the request waits for: the open clarification's question, else what the identity check asked for. */
    private void askedFor(DsrRequest request, Model model) {
        Optional<String> question = clarifications.open(request.id()).map(Clarifications.Exchange::question);
        model.addAttribute("question", question.orElse(null));
        model.addAttribute("asked", question.isPresent() ? null : process.identityEvidenceAskedFor(request.reference()).orElse(null));
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
