/**
 * The separate worker process: searches and acts on the organisation's systems next to the data, in another network
 * than the engine. Camunda's external task client fetches the tasks of the systems the register gives this worker through
 * the REST API; the staff API gives each task's work and takes what was found or done. Depends only on config, support
 * and connectors; starts neither the engine nor a web server.
 */
package org.dsrflow.worker;
