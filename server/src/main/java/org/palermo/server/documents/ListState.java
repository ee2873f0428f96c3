package org.palermo.server.documents;

/** What a member's list depends on: the first epoch they may read and the list's revision. */
public record ListState(long firstEpoch, long revision) {}
