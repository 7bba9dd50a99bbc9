/** Request intake: the public and staff APIs, validation, registration from other channels; the record itself is in {@code request}. */
package org.dsrflow.intake;
