package io.cspguard.sim.faults;

/**
 * A read that the {@link Scenario#BROKEN} scenario makes permanently fail: a correct collector records it as missing
 * (in {@code tenant.json} {@code errors}), and the controls that need it are {@code NOT_ASSESSED}.
 *
 * @param path   the request path, as {@link FaultInjector#decide} sees it (no version prefix, no query)
 * @param file   the snapshot file the read writes (formats.md §1), e.g. {@code directoryAudits.json}
 * @param kind   {@link Fault.Kind#STATUS} (403 {@code Authorization_RequestDenied} on every attempt) or
 *               {@link Fault.Kind#TRUNCATE} (cut short: when the file takes more than one page, its first request is
 *               served whole and every later one — next pages and retries — is cut short; a one-page file is cut
 *               short from its first request)
 * @param pages  the pages the file takes at the largest page size (a truncated file takes more than one when the
 *               world has one that large)
 */
public record BrokenRead(String tenantId, String path, String file, Fault.Kind kind, long pages) {
}
