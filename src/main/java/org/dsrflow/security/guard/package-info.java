/**
 * Least privilege inside the engine: the engine settings ({@code LeastPrivilegePlugin}), the command rules a
 * person's every command passes ({@code TaskWorkGuard} and its rules), object types allowed on write, and the
 * same rule on variable searches where Cockpit queries without a command. Knows nothing of how a person signed in.
 */
package org.dsrflow.security.guard;
