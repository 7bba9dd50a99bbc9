/** Service levels: how many requests are open, due soon, overdue, answered on time; per department. */
package org.dsrflow.sla;
