package dev.concord.config;

/** A cluster.conf that cannot be used; the message names the file, line and key and says what to fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
