package io.cspguard.web;

import io.javalin.http.Handler;

/**
 * How pages are registered: every route names the least role that may use it. An anonymous request is sent to
 * sign in (pages) or refused with 401; a user without the role gets 403; a POST without a valid CSRF token gets
 * 403 before the handler runs. Handlers read the user with {@link Web#principal}.
 */
public interface SecuredRoutes {
    void get(String path, Role role, Handler handler);

    void post(String path, Role role, Handler handler);
}
