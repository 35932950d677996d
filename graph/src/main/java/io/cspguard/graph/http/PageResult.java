package io.cspguard.graph.http;

/**
 * How a read ended: every page merged and the file kept, or the failure that stopped it (the file then discarded).
 *
 * @param complete whether the file was written whole
 * @param status   the failing HTTP status (0: no response); the last page's status when complete
 * @param code     Graph's (or the client's) error code, null when complete
 * @param message  Graph's error message, null when complete
 * @param items    items merged (those of the pages before a failure included)
 * @param pages    pages read
 * @param notFound a 404 that the caller declared harmless (a speculative read of an object that is not there)
 */
public record PageResult(boolean complete, int status, String code, String message, long items, int pages,
                         boolean notFound) {
    static PageResult done(long items, int pages) {
        return new PageResult(true, 200, null, null, items, pages, false);
    }

    static PageResult failed(HttpResult r, long items, int pages) {
        return new PageResult(false, r.status(), r.errorCode(), r.errorMessage(), items, pages, false);
    }

    static PageResult failed(int status, String code, String message, long items, int pages) {
        return new PageResult(false, status, code, message, items, pages, false);
    }

    static PageResult absent(HttpResult r) {
        return new PageResult(false, r.status(), r.errorCode(), r.errorMessage(), 0, 0, true);
    }
}
