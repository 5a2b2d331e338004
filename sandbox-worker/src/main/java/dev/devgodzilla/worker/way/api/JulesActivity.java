package dev.devgodzilla.worker.way.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One activity of a Jules session: exactly one of agentMessaged, userMessaged, planGenerated,
 * planApproved, progressUpdated, sessionCompleted or sessionFailed, possibly with artifacts (change sets
 * holding git patches, bash output, media).
 *
 * @param kind    the name of the field that says what happened, or {@code unknown}
 * @param text    the readable part: the message, the progress title and description, the plan's steps or
 *                the failure reason
 * @param patches the unified diffs among its change-set artifacts
 */
public record JulesActivity(String id, String createTime, String originator, String kind, String text,
                            List<String> patches, JsonObject raw) {

    public static final String AGENT_MESSAGED = "agentMessaged";
    public static final String PLAN_GENERATED = "planGenerated";
    public static final String PROGRESS_UPDATED = "progressUpdated";
    public static final String SESSION_FAILED = "sessionFailed";

    private static final List<String> KINDS = List.of(AGENT_MESSAGED, "userMessaged", PLAN_GENERATED,
            "planApproved", PROGRESS_UPDATED, "sessionCompleted", SESSION_FAILED);

    static JulesActivity from(JsonObject json) {
        String kind = KINDS.stream().filter(json::containsKey).findFirst().orElse("unknown");
        JsonObject body = json.getJsonObject(kind, new JsonObject());
        String text = switch (kind) {
            case AGENT_MESSAGED -> body.getString("agentMessage");
            case "userMessaged" -> body.getString("userMessage");
            case PROGRESS_UPDATED -> join(body.getString("title"), body.getString("description"));
            case PLAN_GENERATED -> planText(body.getJsonObject("plan", new JsonObject()));
            case SESSION_FAILED -> body.getString("reason");
            default -> json.getString("description");
        };
        List<String> patches = new ArrayList<>();
        JsonArray artifacts = json.getJsonArray("artifacts", new JsonArray());
        for (int i = 0; i < artifacts.size(); i++) {
            patchOf(artifacts.getJsonObject(i).getJsonObject("changeSet")).ifPresent(patches::add);
        }
        String id = json.getString("id", json.getString("name"));
        return new JulesActivity(id, json.getString("createTime"), json.getString("originator"), kind,
                text == null ? "" : text, List.copyOf(patches), json);
    }

    static Optional<String> patchOf(JsonObject changeSet) {
        if (changeSet == null) {
            return Optional.empty();
        }
        JsonObject gitPatch = changeSet.getJsonObject("gitPatch");
        String diff = gitPatch == null ? null : gitPatch.getString("unidiffPatch");
        return diff == null || diff.isBlank() ? Optional.empty() : Optional.of(diff);
    }

    private static String planText(JsonObject plan) {
        JsonArray steps = plan.getJsonArray("steps", new JsonArray());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            JsonObject step = steps.getJsonObject(i);
            text.append(i + 1).append(". ").append(join(step.getString("title"), step.getString("description")));
            if (i + 1 < steps.size()) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static String join(String title, String description) {
        if (title == null || title.isBlank()) {
            return description == null ? "" : description;
        }
        return description == null || description.isBlank() ? title : title + ": " + description;
    }
}
