package io.cspguard.store;

/** The store could not be opened or a write could not be completed; the message says what and where. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
