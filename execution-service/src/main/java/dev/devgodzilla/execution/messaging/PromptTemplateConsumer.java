package dev.devgodzilla.execution.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.prompts.PromptRenderer;
import dev.devgodzilla.contracts.prompts.PromptTemplate;
import dev.devgodzilla.execution.service.PromptTemplateView;
import io.quarkus.logging.Log;

/** Reads the compacted {@code prompt-templates} topic: what turns a step request into its agent's prompt. */
@ApplicationScoped
public class PromptTemplateConsumer {
    private final PromptTemplateView view;

    public PromptTemplateConsumer(PromptTemplateView view) {
        this.view = view;
    }

    /** Throwing nacks the record, which sends it to {@code prompt-templates.dlq} with the message as its reason. */
    @Incoming(Channels.PROMPT_TEMPLATES)
    public void consume(String payload) {
        if (payload == null) {
            return;
        }
        PromptTemplate template = Json.read(payload, PromptTemplate.class);
        if (template.name() == null || !PromptTemplate.NAME.matcher(template.name()).matches()) {
            throw new RejectedMessageException("prompt template without a valid name");
        }
        String problem = template.removed() ? null : PromptRenderer.problem(template.text());
        if (problem != null) {
            throw new RejectedMessageException("prompt template '" + template.name() + "' does not render: " + problem);
        }
        if (view.update(template)) {
            Log.infof("prompt template %s version %d %s", template.name(), template.version(),
                    template.removed() ? "removed" : "applied");
        }
    }
}
