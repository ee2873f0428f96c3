package org.palermo.server.workspaces;

/** A workspace name sealed under one epoch's key. */
public record SealedNameRow(long epoch, byte[] sealedName) {}
