package io.cspguard.config;

import java.time.Instant;

/** A row of the HR leavers feed: who left, and from when they count as gone. */
public record Leaver(String userPrincipalName, Instant leftOn, int line) {
}
