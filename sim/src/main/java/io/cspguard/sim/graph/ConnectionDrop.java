package io.cspguard.sim.graph;

import io.javalin.http.Context;
import java.io.IOException;
import org.eclipse.jetty.server.Request;

/**
 * The DROP fault: close the connection without sending a response. Jetty's {@code HttpChannel.abort} closes the
 * endpoint at once and marks the response failed, so nothing written afterwards reaches the client, which sees the
 * connection end (EOF / reset) before any status line. Public for the Partner Center routes.
 */
public final class ConnectionDrop {
    private ConnectionDrop() {
    }

    public static void drop(Context ctx) {
        Request base = Request.getBaseRequest(ctx.req());
        if (base != null && base.getHttpChannel() != null) {
            base.getHttpChannel().abort(new IOException("simulated dropped connection"));
        }
        ctx.skipRemainingHandlers();
    }
}
