package org.dsrflow.deadlines;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeadlineConfig {

    @Bean
    DeadlineCalculator deadlineCalculator(DsrProperties properties) {
        Map<String, SiteCalendar> sites = new LinkedHashMap<>();
        properties.organisation().sites().forEach((code, site) ->
                sites.put(code, new SiteCalendar(site.holidays(), site.holidaySubdivisions(), site.clockStop())));
        return new DeadlineCalculator(sites);
    }
}
