package io.cspguard.cli;

/** Exit statuses of formats.md §3. */
final class ExitCodes {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
