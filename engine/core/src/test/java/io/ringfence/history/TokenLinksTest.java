package io.ringfence.history;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TokenLinksTest {
    @Test
    void aLinkedTokenResolvesToItsCardAndAnythingElseToItself() {
        final TokenLinks links = new TokenLinks(4, new FlagStore(16));
        links.link(1, 2, 10, 20);
        links.resolve(1, 2);
        assertEquals(10, links.resolvedHigh());
        assertEquals(20, links.resolvedLow());
        links.resolve(10, 20);
        assertEquals(10, links.resolvedHigh());
        assertEquals(20, links.resolvedLow());
        links.resolve(3, 4);
        assertEquals(3, links.resolvedHigh());
        assertEquals(4, links.resolvedLow());
    }

    @Test
    void relinkingReplacesTheLinkAndTheOldestLinkIsEvictedWhenFull() {
        final TokenLinks links = new TokenLinks(2, new FlagStore(16));
        links.link(1, 1, 10, 10);
        final long before = links.digest(0);
        links.link(1, 1, 11, 11);
        assertNotEquals(before, links.digest(0));
        links.resolve(1, 1);
        assertEquals(11, links.resolvedHigh());
        assertEquals(1, links.size());

        links.link(2, 2, 20, 20);
        links.resolve(1, 1);
        links.link(3, 3, 30, 30);
        assertEquals(2, links.size());
        links.resolve(2, 2);
        assertEquals(2, links.resolvedHigh(), "token 2 was least recently used: its link is gone");
        links.resolve(1, 1);
        assertEquals(11, links.resolvedHigh());
    }
}
