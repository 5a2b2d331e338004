package dev.devgodzilla.worker.way.cli.parse;

/** For engines whose output has no separate answer (the dummy agent): the whole output tail is what counts. */
public final class NoAnswerParser implements StreamParser {

    @Override
    public void accept(String line) {
        // nothing to pick out
    }

    @Override
    public AgentResult result() {
        return AgentResult.ofMessage(null);
    }
}
