package org.dsrflow.notification;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.dsrflow.config.DsrProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Pages of the development mailbox, only where it is active, and only for callers on this computer
 * (loopback) unless {@code dsr.dev-mailbox.remote-access}: its emails hold live links. Others get
 * the same 404 as when there is no mailbox.
 */
@Controller
@ConditionalOnDevMailbox
@RequestMapping("/dev/mailbox")
class DevMailboxController {

    private final DevMailbox mailbox;
    private final boolean remoteAccess;

    DevMailboxController(DevMailbox mailbox, DsrProperties properties) {
        this.mailbox = mailbox;
        this.remoteAccess = properties.devMailbox().remoteAccess();
    }

    @ModelAttribute
    void onlyThisComputer(HttpServletRequest request) {
        if (!remoteAccess && !isLoopback(request.getRemoteAddr())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
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
