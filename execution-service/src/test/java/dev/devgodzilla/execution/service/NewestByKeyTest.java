package dev.devgodzilla.execution.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NewestByKeyTest {
    record Versioned(String text, long version) {
    }

    private final NewestByKey<Versioned> held = new NewestByKey<>(Versioned::version);

    @Test
    void aLateOlderVersionIsIgnoredAndANewerOneReplaces() {
        assertNull(held.get("a"));
        assertTrue(held.update("a", new Versioned("two", 2)));
        assertFalse(held.update("a", new Versioned("one", 1)), "an older version read late changes nothing");
        assertEquals("two", held.get("a").text());
        assertTrue(held.update("a", new Versioned("three", 3)));
        assertEquals("three", held.get("a").text());
    }

    @Test
    void theSameVersionReadAgainIsHeldButIsNoChange() {
        held.update("a", new Versioned("first read", 4));
        assertFalse(held.update("a", new Versioned("read again", 4)));
        assertEquals("read again", held.get("a").text());
        assertTrue(held.update("b", new Versioned("another key", 1)));
        assertEquals("read again", held.get("a").text());
    }
}
