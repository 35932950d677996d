package io.cspguard.web.auth;

/** The cookie names, for tests in other packages. */
public final class TestCookies {
    public static final String SESSION = Cookies.SESSION;

    private TestCookies() {
    }
}
