package io.cspguard.result;

/** A control's verdict for one tenant (formats.md §3). */
public enum Status {
    PASS, FAIL, WARN, NOT_APPLICABLE, NOT_ASSESSED
}
