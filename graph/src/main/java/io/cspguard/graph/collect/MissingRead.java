package io.cspguard.graph.collect;

/**
 * A read that failed for good, as recorded in {@code tenant.json} {@code errors}.
 *
 * @param file     the snapshot file ({@code signIns.json}, {@code groupMembers/<id>.json})
 * @param status   the HTTP status, or null when no response came
 * @param code     Graph's (or Partner Center's, or the client's) error code
 * @param expected refused for want of a licence the tenant lacks: expected, and not a gap in the collection
 */
public record MissingRead(String file, Integer status, String code, String message, boolean expected) {
}
