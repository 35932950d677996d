package io.cspguard.graph.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.sim.identity.Totp;
import io.cspguard.sim.world.SimUser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Completes the simulator's device sign-in page as the person would: user code, password and authenticator code. */
public final class DeviceLogin {
    private DeviceLogin() {
    }

    public static void complete(HttpClient http, Connect.DevicePrompt prompt, SimUser user) {
        try {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("user_code", prompt.userCode());
            form.put("login", user.userPrincipalName());
            form.put("passwd", user.password());
            form.put("otc", Totp.code(user.totpSecret(), Instant.now()));
            String body = form.entrySet().stream().map(e -> e.getKey() + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(prompt.verificationUri()))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("You have signed in");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
