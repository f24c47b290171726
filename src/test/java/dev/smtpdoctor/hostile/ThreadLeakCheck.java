package dev.smtpdoctor.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Proves a scenario left no thread running: no new non-daemon thread, and no new thread — platform or
 * virtual — that runs this project's code or carries one of its names ({@code resolve-…} from the prober,
 * {@code fake-smtp-…} from the fixture). Virtual threads are invisible to {@link Thread#getAllStackTraces},
 * so the check reads the JDK's JSON thread dump, which lists them too.
 */
final class ThreadLeakCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> before;

    private ThreadLeakCheck(Set<String> before) {
        this.before = before;
    }

    static ThreadLeakCheck start() {
        Set<String> ids = new HashSet<>();
        for (JsonNode t : threads()) {
            ids.add(t.path("tid").asText());
        }
        return new ThreadLeakCheck(ids);
    }

    /** Waits up to {@code grace} for stragglers (a probe's thread ending after its result), then fails. */
    void assertNoLeaks(Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        List<String> leaks;
        do {
            leaks = leaks();
            if (leaks.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (end - System.nanoTime() > 0);
        throw new AssertionError("threads left running: " + leaks);
    }

    private List<String> leaks() {
        List<String> out = new ArrayList<>();
        String self = String.valueOf(Thread.currentThread().threadId());
        for (JsonNode t : threads()) {
            String tid = t.path("tid").asText();
            if (before.contains(tid) || tid.equals(self)) {
                continue;
            }
            String name = t.path("name").asText();
            boolean ours = name.startsWith("resolve-") || name.startsWith("fake-smtp-") || name.startsWith("hostile-");
            for (JsonNode frame : t.path("stack")) {
                ours |= frame.asText().contains("dev.smtpdoctor.");
            }
            if (ours) {
                out.add("'" + name + "' (" + tid + ") " + t.path("stack").path(0).asText());
            }
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isDaemon() && t.isAlive() && !before.contains(String.valueOf(t.threadId()))
                    && t != Thread.currentThread()) {
                out.add("non-daemon '" + t.getName() + "'");
            }
        }
        return out;
    }

    private static List<JsonNode> threads() {
        try {
            Path dir = Files.createTempDirectory("smtp-doctor-threads");
            Path file = dir.resolve("dump.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                JsonNode root = JSON.readTree(file.toFile());
                List<JsonNode> out = new ArrayList<>();
                for (JsonNode container : root.path("threadDump").path("threadContainers")) {
                    container.path("threads").forEach(out::add);
                }
                return out;
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
