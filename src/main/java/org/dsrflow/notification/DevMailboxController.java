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
 * the same 404 as when there is no mailbox. "On this computer" is the TCP connection's peer
 * ({@link ConnectionPeerValve}), and a request through a proxy never is: a reverse proxy on this
 * computer connects from loopback for everyone, and with {@code server.forward-headers-strategy}
 * the address Tomcat reports comes from a header.
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
        if (!remoteAccess && !fromThisComputer(request)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** Directly from this computer: not through a proxy, and the connection's peer is loopback. Unknown: no. */
    static boolean fromThisComputer(HttpServletRequest request) {
        return Boolean.FALSE.equals(request.getAttribute(ConnectionPeerValve.FORWARDED))
                && request.getAttribute(ConnectionPeerValve.PEER) instanceof String peer && isLoopback(peer);
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
    String show(@PathVariable long id, Model model) {
        model.addAttribute("mail", mailbox.mail(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such email")));
        return "dev/mail";
    }
}
