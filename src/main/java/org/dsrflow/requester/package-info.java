/** The requester's pages: request form, confirmation, status, reply, download; languages and abuse protection. */
package org.dsrflow.requester;
