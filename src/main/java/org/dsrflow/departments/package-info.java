/** Department work: what each department found or did for a request, recorded from its Tasklist form. */
package org.dsrflow.departments;
