package io.cspguard.config;

/** The configuration is wrong: the message names the file, the key and the line. Exit status 2. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
