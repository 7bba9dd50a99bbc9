package org.dsrflow.response;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Portability's transmission to another controller ({@code dsr.transfers}, Art. 20(2)): how long the organisation's link
 * works (never longer than the answer's own documents), how many organisations one request may have its package sent to,
 * and how often one organisation may download it.
 */
@ConfigurationProperties(prefix = "dsr.transfers")
public record TransmissionSettings(Duration linkValidity, Integer maxPerRequest, Integer maxDownloads) {

    public TransmissionSettings {
        linkValidity = linkValidity == null ? Duration.ofDays(14) : linkValidity;
        maxPerRequest = maxPerRequest == null ? 3 : maxPerRequest;
        maxDownloads = maxDownloads == null ? 5 : maxDownloads;
    }
}
