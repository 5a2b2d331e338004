package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Renders a {@link Reply} in one protocol, as an event stream or as a single JSON body. */
interface WireFormat {

    void stream(Reply reply, SseWriter out) throws IOException;

    ObjectNode complete(Reply reply);
}
