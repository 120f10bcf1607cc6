package dev.concord.server.state;

import java.nio.charset.StandardCharsets;

/** Compare-and-set registers: string values under string keys; absent and deleted are the same. */
final class Registers {
    private final KvStore store;

    Registers(KvStore store) {
        this.store = store;
    }

    String get(String key) {
        byte[] v = store.get(Keys.register(key));
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    void set(String key, String value) {
        if (value == null) {
            store.delete(Keys.register(key));
        } else {
            store.put(Keys.register(key), value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
