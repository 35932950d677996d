/**
 * Microsoft Graph and Partner Center over HTTPS: {@link io.cspguard.graph.http.GraphHttp} (retries, backoff,
 * {@code Retry-After}, token refresh, the service's {@code Date}), {@link io.cspguard.graph.http.ClientThrottle} (the
 * published budgets, kept by the client), {@link io.cspguard.graph.http.Pager} (collections to their last page,
 * streamed into one file) and {@link io.cspguard.graph.http.Batch} ({@code $batch} of 20). Nothing here knows the
 * snapshot's files; {@code io.cspguard.graph.collect} does.
 */
package io.cspguard.graph.http;
