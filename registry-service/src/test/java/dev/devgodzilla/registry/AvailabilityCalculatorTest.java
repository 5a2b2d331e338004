package dev.devgodzilla.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentCatalogFile;
import dev.devgodzilla.contracts.agents.AgentConfiguration;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.registry.domain.AgentView;
import dev.devgodzilla.registry.domain.Worker;
import dev.devgodzilla.registry.service.AvailabilityCalculator;

/** Availability derived from worker rows, without infrastructure. */
class AvailabilityCalculatorTest {

    @Test
    void everyCatalogueAgentGetsAView() {
        Map<String, AgentView> views = AvailabilityCalculator.compute(List.of(), Instant.now());
        assertThat(views.keySet()).containsExactlyElementsOf(
                AgentCatalog.all().stream().map(a -> a.id()).toList());
        assertThat(views.get("codex").reason())
                .isEqualTo("no live worker has codex; " + AgentCatalog.find("codex").orElseThrow().installHint());
    }

    @Test
    void availableOnAnyWorkerThatHasIt() {
        Instant now = Instant.now();
        List<Worker> workers = List.of(
                worker("w2", now, new InstalledAgent("dummy", true, "2", null, 40L)),
                worker("w1", now, new InstalledAgent("dummy", true, "1", null),
                        new InstalledAgent("qwen", false, null, "qwen not on PATH")));
        Map<String, AgentView> views = AvailabilityCalculator.compute(workers, now);

        assertThat(views.get("dummy").available()).isTrue();
        assertThat(views.get("dummy").workers()).containsExactly("w1", "w2");
        assertThat(views.get("dummy").versions()).containsExactly("1", "2");
        // the slowest check among the workers that measured one
        assertThat(views.get("dummy").latencyMs()).isEqualTo(40L);
        assertThat(views.get("qwen").available()).isFalse();
        assertThat(views.get("qwen").reason()).isEqualTo("no live worker has qwen; qwen not on PATH");
    }

    @Test
    void anAvailableAgentCarriesWhatAWorkerWarnsOfSuchAsACredentialWithNoValue() {
        Instant now = Instant.now();
        Map<String, AgentView> views = AvailabilityCalculator.compute(List.of(
                worker("w1", now, new InstalledAgent("codex", true, "0.1", "no value on this worker for"
                        + " OPENAI_API_KEY (env:OPENAI_API_KEY)")),
                worker("w2", now, new InstalledAgent("codex", true, "0.1", null))), now);
        assertThat(views.get("codex").available()).isTrue();
        assertThat(views.get("codex").reason()).isEqualTo("w1: no value on this worker for OPENAI_API_KEY"
                + " (env:OPENAI_API_KEY)");
        assertThat(AvailabilityCalculator.compute(List.of(worker("w2", now,
                new InstalledAgent("codex", true, "0.1", null))), now).get("codex").reason()).isNull();
    }

    @Test
    void aDisabledAgentIsUnavailableWhereverItIsInstalled() {
        Instant now = Instant.now();
        AgentMetadata dummy = AgentCatalog.find("dummy").orElseThrow();
        AgentCatalog.apply(new AgentConfiguration(1, "dummy", 1, now, AgentCatalogFile.overlay(dummy, "dummy",
                Json.mapper().createObjectNode().put("enabled", false), "test"), false));
        try {
            AgentView view = AvailabilityCalculator.compute(
                    List.of(worker("w1", now, new InstalledAgent("dummy", true, "1", null))), now).get("dummy");

            assertThat(view.available()).isFalse();
            assertThat(view.reason()).contains("disabled in its configuration");
        } finally {
            AgentCatalog.use(null);
        }
    }

    @Test
    void onlyFlagWorkersAndVersionsCountAsAChange() {
        AgentView a = new AgentView("x", false, List.of(), List.of(), "r1", Instant.now(), null);
        assertThat(new AgentView("x", false, List.of(), List.of(), "r2", Instant.now(), null).changedFrom(a)).isFalse();
        assertThat(new AgentView("x", true, List.of("w"), List.of(), null, Instant.now(), null).changedFrom(a)).isTrue();
        assertThat(a.changedFrom(null)).isTrue();
    }

    private static Worker worker(String id, Instant seen, InstalledAgent... agents) {
        Worker w = new Worker();
        w.workerId = id;
        w.lastSeen = seen;
        w.agents = Json.write(List.of(agents));
        return w;
    }
}
