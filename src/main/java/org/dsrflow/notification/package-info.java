/** Correspondence with requesters: templated emails, their record, and the development mailbox. */
package org.dsrflow.notification;
