package io.cspguard.audit;

/** The checkpointed head of the chain: the last entry's seq and hash (seq 0 and the genesis hash when empty). */
public record AuditHead(long seq, String hash) {
}
