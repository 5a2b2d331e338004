package dev.devgodzilla.worker.way.api;

import java.util.List;

/** One page of a session's activities; {@code nextPageToken} is null on the last page. */
public record JulesActivityPage(List<JulesActivity> activities, String nextPageToken) {
}
