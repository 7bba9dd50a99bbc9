/** Identity verification: single-use email confirmation links and the requester's status key. */
package org.dsrflow.verification;
