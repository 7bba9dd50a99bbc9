package org.dsrflow.notification;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/** Pages of the development mailbox, only where it is active. */
@Controller
@ConditionalOnDevMailbox
@RequestMapping("/dev/mailbox")
class DevMailboxController {

    private final DevMailbox mailbox;

    DevMailboxController(DevMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("mails", mailbox.mails());
        return "dev/mailbox";
    }

    @GetMapping("/{id}")
    String show(@PathVariable int id, Model model) {
        model.addAttribute("mail", mailbox.mail(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such email")));
        return "dev/mail";
    }
}
