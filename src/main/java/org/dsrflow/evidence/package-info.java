/** Identity evidence: files the requester uploads on the reply page, seen by the privacy team, deleted once the identity decision is recorded. */
package org.dsrflow.evidence;
