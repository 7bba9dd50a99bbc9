package org.dsrflow.connectors;

/**
 * Who is searched for: the request's confirmed email address and, where the request has it, the name. Bound
 * as {@code :email} / {@code {email}} and {@code :name} / {@code {name}}. Never printed: {@link #toString()}
 * says nothing about the person, so that it cannot reach a log by accident.
 */
public record Identity(String email, String name) {

    public Identity {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("an identity needs the confirmed email address");
        }
    }

    @Override
    public String toString() {
        return "Identity[email and name withheld]";
    }
}
