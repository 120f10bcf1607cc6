package dev.concord.config;

/** One node of the Raft group as cluster.conf lists it: a positive id and the single port it serves on. */
public record NodeAddress(int id, String host, int port) {
    public NodeAddress {
        if (id <= 0) {
            throw new IllegalArgumentException("node id must be positive, got " + id);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    /** {@code host:port}, the form jraft's PeerId and the CLI's {@code --servers} use. */
    public String address() {
        return host + ":" + port;
    }

    /** Parses {@code host:port}; the id is supplied by the caller. */
    public static NodeAddress parse(int id, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon).trim();
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in '" + hostPort + "'");
        }
        return new NodeAddress(id, host, port);
    }
}
