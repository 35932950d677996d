package io.cspguard.web.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/** A browser for the tests: cookies kept, redirects not followed (the tests look at them). */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

    private final String base;
    public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public Browser(String base) {
        this(base, null);
    }

    public Browser(String base, SSLContext ssl) {
        this.base = base;
        HttpClient.Builder b = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build());
    }

    public HttpResponse<String> post(String pathOrUrl, Map<String, String> form) {
        return post(pathOrUrl, form, Map.of());
    }

    public HttpResponse<String> post(String pathOrUrl, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        headers.forEach(b::header);
        return send(b.build());
    }

    public HttpResponse<String> postJson(String path, String json, String csrf) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code _csrf} value of the page's last form (the first may be the layout's sign-out form). */
    public static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            throw new AssertionError("no _csrf field in " + page.uri() + ":\n" + page.body());
        }
        return last;
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** The password step; returns its response (303 to the second step when the password is right). */
    public HttpResponse<String> password(String name, String password) {
        HttpResponse<String> form = get("/signin");
        // signed in already: the form redirects, but the browser keeps the token of the last form it saw
        String csrf = form.statusCode() == 200 ? csrf(form) : cookie("cspguard_signin").orElseThrow().getValue();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("_csrf", csrf);
        f.put("name", name);
        f.put("password", password);
        f.put("next", "/");
        return post("/signin", f);
    }

    /** The TOTP step after a password step. */
    public HttpResponse<String> totp(String code) {
        String csrf = csrf(get("/signin/second"));
        return post("/signin/totp", Map.of("_csrf", csrf, "code", code));
    }

    /** Both steps; returns the TOTP step's response. */
    public HttpResponse<String> signIn(String name, String password, String code) {
        HttpResponse<String> p = password(name, password);
        if (p.statusCode() != 303) {
            throw new AssertionError("password step refused: " + p.statusCode() + "\n" + p.body());
        }
        return totp(code);
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
