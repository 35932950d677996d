package io.cspguard.web;

/**
 * What the shared layout ({@code layout.jte}) needs besides the page's own content: the title, the signed-in user
 * (null on sign-in pages), the session's CSRF token for the sign-out form, and the navigation entry to highlight.
 */
public record PageFrame(String title, Principal user, String csrfToken, String nav) {
    public static PageFrame anonymous(String title) {
        return new PageFrame(title, null, "", "");
    }

    public boolean can(String role) {
        return user != null && user.can(Role.parse(role));
    }
}
