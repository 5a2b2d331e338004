package dev.devgodzilla.worker.config;

import java.net.InetAddress;

import jakarta.enterprise.context.ApplicationScoped;

/** Who this worker is: the id it reports and the host it runs on. */
@ApplicationScoped
public class WorkerIdentity {
    private final String host;
    private final String workerId;

    public WorkerIdentity(WorkerConfig config) {
        this.host = hostName();
        this.workerId = config.id().filter(id -> !id.isBlank())
                .orElse(host + "-" + ProcessHandle.current().pid());
    }

    public String workerId() {
        return workerId;
    }

    public String host() {
        return host;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
