/** Running one node or several identical nodes on one database: node identity, start-up order, the job executor's lifecycle. */
package org.dsrflow.cluster;
