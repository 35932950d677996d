/**
 * Microsoft Graph's JSON shapes, as typed, immutable records. Only the properties that the controls read
 * are bound; everything else is ignored. Enum-like strings stay strings and are compared case-insensitively
 * ({@link io.cspguard.snapshot.graph.Text#eq}), since Graph spells some of them differently across endpoints.
 */
package io.cspguard.snapshot.graph;
