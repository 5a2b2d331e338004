package dev.devgodzilla.worker.config;

import java.net.InetAddress;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Who this worker is: the id it reports and the host it runs on. */
@ApplicationScoped
public class WorkerIdentity {
    private final String host;
    private final String workerId;
    private final String instance;

    public WorkerIdentity(WorkerConfig config) {
        this.host = hostName();
        this.workerId = config.id().filter(id -> !id.isBlank())
                .orElse(host + "-" + ProcessHandle.current().pid());
        this.instance = workerId + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String workerId() {
        return workerId;
    }

    /**
     * This process: the worker id and a part new on every start, so a restarted worker with the same id
     * is not taken for the process that claimed an attempt before it died.
     */
    public String instance() {
        return instance;
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
