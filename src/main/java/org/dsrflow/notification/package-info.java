/**
 * Correspondence: renders an email from a prepared model (what other parts add through
 * {@link org.dsrflow.notification.EmailPreparation}) and sends it exactly once; the correspondence
 * record and the development mailbox.
 */
package org.dsrflow.notification;
