package io.cspguard.graph.http;

/**
 * What a {@link GraphHttp} has sent so far.
 *
 * @param graphRequests         Graph requests sent on their own (every attempt; not the {@code $batch} envelopes)
 * @param batchedRequests       requests sent inside {@code $batch} (every attempt)
 * @param batchEnvelopes        {@code POST /$batch} calls (every attempt)
 * @param partnerCenterRequests Partner Center requests (every attempt)
 * @param throttled             429 answers, on their own or inside a batch
 * @param retries               requests sent again (after a 429, a 5xx, a timeout, a dropped connection, an expired
 *                              token or a malformed page)
 * @param tokenRefreshes        tokens dropped and fetched again after Graph said they had expired
 */
public record HttpStats(long graphRequests, long batchedRequests, long batchEnvelopes, long partnerCenterRequests,
                        long throttled, long retries, long tokenRefreshes) {
    /**
     * The requests as the simulator's {@code ThrottleBound.minimumRequests()} counts them: each request inside a
     * {@code $batch} counts as one, envelopes do not count, Partner Center's do.
     */
    public long requests() {
        return graphRequests + batchedRequests + partnerCenterRequests;
    }
}
