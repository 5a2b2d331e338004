package dev.devgodzilla.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.prompts.PromptRenderer;
import dev.devgodzilla.contracts.prompts.PromptTemplate;
import dev.devgodzilla.contracts.prompts.PromptVariables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptRendererTest {

    @Test
    void theBuiltInTemplateIsTheTaskVerbatimWhenThereIsNothingElse() {
        StepRequest request = StepRequest.of("p1", "dummy", "EXIT 3\nthen fail  ");
        assertThat(PromptRenderer.render(PromptTemplate.BUILT_IN_TEXT, PromptVariables.of(request, "dummy", null)))
                .isEqualTo("EXIT 3\nthen fail\n");
    }

    @Test
    void theBuiltInTemplatePutsEachPartInItsSection() {
        StepRequest request = new StepRequest(1, "e", Instant.now(), "p2", null, null, "dummy", null, null,
                "build it", "a web shop", List.of("step 1 made the schema", " "), "no new dependencies", null, null,
                null, null, null, null);
        assertThat(PromptRenderer.render(PromptTemplate.BUILT_IN_TEXT, PromptVariables.of(request, "dummy", null)))
                .isEqualTo("""
                        build it

                        ## Context

                        a web shop

                        ## Dependencies

                        - step 1 made the schema

                        ## Instructions

                        no new dependencies
                        """);
    }

    @Test
    void aTemplateUsesTheStepsFieldsAndLabels() {
        StepRequest request = new StepRequest(1, "e", Instant.now(), "s1", "plan-7", "shop", null, null, "bugfix",
                "fix the cart", null, null, null, null, null, null, null, Map.of("team", "payments"), null);
        String text = "[{projectId}/{taskType} for {labels.team ?: 'nobody'} on {agentId} {model}]\n{task}";
        assertThat(PromptRenderer.render(text, PromptVariables.of(request, "codex", "gpt-5")))
                .isEqualTo("[shop/bugfix for payments on codex gpt-5]\nfix the cart\n");
        assertThat(PromptRenderer.render("{labels.other ?: 'none'}: {task}", PromptVariables.of(request, "x", null)))
                .isEqualTo("none: fix the cart\n");
    }

    @Test
    void aTemplateWithAnUnknownVariableOrBrokenSyntaxIsRefusedWithTheReason() {
        assertThat(PromptRenderer.problem(PromptTemplate.BUILT_IN_TEXT)).isNull();
        assertThat(PromptRenderer.problem("{task}\n{contxt}")).contains("contxt").contains("the variables are");
        assertThat(PromptRenderer.problem("{#if task}unclosed")).isNotNull();
        assertThat(PromptRenderer.problem(" ")).isEqualTo("text is required");
        assertThat(PromptRenderer.problem("x".repeat(PromptTemplate.MAX_TEXT_CHARS + 1))).contains("longer");
        assertThatThrownBy(() -> PromptRenderer.render("{nope}", PromptVariables.of(
                StepRequest.of("s", "dummy", "t"), "dummy", null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStepRequestNamesItsTemplateByASafeName() {
        StepRequest named = StepRequest.of("s", "dummy", "t");
        StepRequest bad = new StepRequest(1, "e", Instant.now(), "s", null, null, null, null, null, "t", null, null,
                null, null, null, null, null, null, null, "../Etc");
        assertThat(dev.devgodzilla.contracts.messages.StepRequestValidator.validate(named)).isEmpty();
        assertThat(dev.devgodzilla.contracts.messages.StepRequestValidator.validate(bad))
                .extracting(dev.devgodzilla.contracts.messages.StepRequestValidator.Violation::field)
                .containsExactly("promptTemplate");
    }
}
