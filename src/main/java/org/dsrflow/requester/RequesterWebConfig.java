package org.dsrflow.requester;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Languages of the requester pages: {@code ?lang=sv} switches and is remembered. */
@Configuration(proxyBeanMethods = false)
class RequesterWebConfig implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver(org.dsrflow.config.Register register) {
        return new RequesterLocaleResolver(register.languages());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(RequesterLocaleResolver.LANGUAGE_PARAMETER);
        change.setIgnoreInvalidLocale(true);
        // Reading ?lang= would make the servlet read a multipart body before the identity evidence's checks.
        registry.addInterceptor(change).excludePathPatterns(ReplyPageController.EVIDENCE_PATH);
    }
}
