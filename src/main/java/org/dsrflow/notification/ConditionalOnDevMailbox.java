package org.dsrflow.notification;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Profile;

/**
 * Outside production and without an SMTP host ({@code spring.mail.host}), emails go to the
 * development mailbox. With a host set, Spring Boot's SMTP sender is used instead.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Profile("!prod")
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
@interface ConditionalOnDevMailbox {
}
