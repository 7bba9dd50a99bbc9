/**
 * The privacy mailboxes as the front door: the reader (IMAP, one node at a time, each message recorded once), the
 * handlers each new message is offered to, the privacy team's new-message task and its message page. Only the
 * request page ({@code casefile}) depends on it.
 */
package org.dsrflow.inbox;
