package dev.devgodzilla.worker.way.cli;

/**
 * Puts the task type in front of the prompt, so an agent on a plan or qa step is told it must not
 * change anything; the CLI's own read-only policy backs that up where it has one.
 */
public final class PromptFraming {

    private PromptFraming() {
    }

    public static String frame(TaskType type, String prompt) {
        String body = prompt == null ? "" : prompt;
        return switch (type) {
            case EXECUTE -> body;
            case PLAN -> """
                    PLANNING STEP (read-only): study the workspace and write a plan for the task below. \
                    Do not create, modify or delete files and do not run commands that change anything.

                    """ + body;
            case QA -> """
                    QA STEP (read-only): check the work in the workspace against the task below and report \
                    what passes and what fails. Do not create, modify or delete files.

                    """ + body;
        };
    }
}
