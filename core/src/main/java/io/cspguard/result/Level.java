package io.cspguard.result;

/** {@code SHALL} controls that are not met are {@code FAIL}; {@code SHOULD} controls are {@code WARN}. */
public enum Level {
    SHALL, SHOULD;

    public Status unmet() {
        return this == SHALL ? Status.FAIL : Status.WARN;
    }
}
