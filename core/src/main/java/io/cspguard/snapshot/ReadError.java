package io.cspguard.snapshot;

/** A read that the collector recorded as failed in {@code tenant.json} {@code errors}. */
public record ReadError(Integer status, String code, String message) {
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (status != null) {
            sb.append("HTTP ").append(status);
        }
        if (code != null && !code.isBlank()) {
            sb.append(sb.isEmpty() ? "" : " ").append(code);
        }
        if (message != null && !message.isBlank()) {
            sb.append(sb.isEmpty() ? "" : ": ").append(message);
        }
        return sb.isEmpty() ? "recorded as failed" : sb.toString();
    }
}
