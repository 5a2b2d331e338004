package dev.devgodzilla.worker.way.api;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A Jules session as the API returns it.
 *
 * @param name            {@code sessions/<id>}
 * @param state           QUEUED, PLANNING, AWAITING_PLAN_APPROVAL, AWAITING_USER_FEEDBACK, IN_PROGRESS, PAUSED,
 *                        FAILED or COMPLETED (null while the API names none)
 * @param url             where a person can look at the session
 * @param pullRequestUrls the pull requests among its outputs
 * @param raw             the whole answer, for outputs this record does not name
 */
public record JulesSession(String id, String name, String title, String state, String url,
                           List<String> pullRequestUrls, JsonObject raw) {

    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String AWAITING_USER_FEEDBACK = "AWAITING_USER_FEEDBACK";
    public static final String AWAITING_PLAN_APPROVAL = "AWAITING_PLAN_APPROVAL";

    static JulesSession from(JsonObject json) {
        String name = json.getString("name");
        String id = json.getString("id");
        if (id == null && name != null) {
            id = name.substring(name.lastIndexOf('/') + 1);
        }
        List<String> prs = new ArrayList<>();
        JsonArray outputs = json.getJsonArray("outputs", new JsonArray());
        for (int i = 0; i < outputs.size(); i++) {
            JsonObject pr = outputs.getJsonObject(i).getJsonObject("pullRequest");
            if (pr != null && pr.getString("url") != null) {
                prs.add(pr.getString("url"));
            }
        }
        return new JulesSession(id, name, json.getString("title"), json.getString("state"), json.getString("url"),
                List.copyOf(prs), json);
    }

    /** The git patches among the session's outputs (change sets), in order. */
    public List<String> outputPatches() {
        List<String> patches = new ArrayList<>();
        JsonArray outputs = raw.getJsonArray("outputs", new JsonArray());
        for (int i = 0; i < outputs.size(); i++) {
            JulesActivity.patchOf(outputs.getJsonObject(i).getJsonObject("changeSet")).ifPresent(patches::add);
        }
        return patches;
    }
}
