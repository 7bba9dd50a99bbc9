/** The core: a data-subject request's record (type, language, channel, status) and its table; every other package may use it, it uses none of theirs but support. */
package org.dsrflow.request;
