/** The engine side: one process-API class per BPMN, typed variables, and the adapter that starts and correlates. */
package org.dsrflow.process;
