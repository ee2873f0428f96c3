package org.palermo.server.workspaces;

/** An open invitation, as derived from the membership log. */
public record InvitationRow(byte[] id, byte[] workspaceId, byte[] inviteeAccountId, int role) {}
