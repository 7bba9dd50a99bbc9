/** Request intake: the public API, validation, the request record and its reference. */
package org.dsrflow.intake;
