package org.dsrflow.requester;

import java.util.ArrayList;
import java.util.List;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.request.RequestType;

/**
 * The request form as posted by the browser. {@code website} is a honeypot: hidden from people,
 * filled in by bots.
 */
public class RequestForm {

    private String type = RequestType.ACCESS.name();
    private String name;
    private String email;
    private String site;
    private String language;
    private List<String> categories = new ArrayList<>();
    private String details;
    private String ground;
    private boolean onBehalf;
    private String agentName;
    private String agentEmail;
    private boolean authorisationConfirmed;
    private String website;

    NewRequest toNewRequest() {
        return new NewRequest(type, name, email, site, language, categories, details, onBehalf,
                onBehalf ? agentName : null, onBehalf ? agentEmail : null, onBehalf ? authorisationConfirmed : null,
                takesGround() && ground != null && !ground.isBlank() ? ground : null);
    }

    /** A ground picked and the type then changed: the ground is dropped with the type that took it. */
    private boolean takesGround() {
        return RequestType.named(type).filter(RequestType::takesRestrictionGround).isPresent();
    }

    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getSite() { return site; }
    public void setSite(String site) { this.site = site; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public List<String> getCategories() { return categories; }
    public void setCategories(List<String> categories) { this.categories = categories == null ? new ArrayList<>() : categories; }
    public String getGround() { return ground; }
    public void setGround(String ground) { this.ground = ground; }
    public String getDetails() { return details; }
    public void setDetails(String details) { this.details = details; }
    public boolean isOnBehalf() { return onBehalf; }
    public void setOnBehalf(boolean onBehalf) { this.onBehalf = onBehalf; }
    public String getAgentName() { return agentName; }
    public void setAgentName(String agentName) { this.agentName = agentName; }
    public String getAgentEmail() { return agentEmail; }
    public void setAgentEmail(String agentEmail) { this.agentEmail = agentEmail; }
    public boolean isAuthorisationConfirmed() { return authorisationConfirmed; }
    public void setAuthorisationConfirmed(boolean authorisationConfirmed) { this.authorisationConfirmed = authorisationConfirmed; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
}
