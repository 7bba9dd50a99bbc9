/** Small shared helpers: time and JDBC conversions. */
package org.dsrflow.support;
