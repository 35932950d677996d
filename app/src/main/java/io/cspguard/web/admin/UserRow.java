package io.cspguard.web.admin;

/** One line of the users page, formatted for display. */
public record UserRow(String name, String role, String kind, String factor, String lastSignIn, boolean locked,
                      boolean enabled) {
}
