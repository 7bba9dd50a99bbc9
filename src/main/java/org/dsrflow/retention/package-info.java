/** Retention of the DSR system's own data: erasing requesters' data after closure, history time-to-live. */
package org.dsrflow.retention;
