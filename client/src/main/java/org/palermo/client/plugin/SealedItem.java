package org.palermo.client.plugin;

import java.time.Instant;
import org.palermo.security.ids.AccountId;

/**
 * A plugin's sealed item as {@link SealedStorage#list()} finds it: its current version, its
 * name (opened from the sealed metadata on this machine), who put that version and when (as its
 * author signed it).
 */
public record SealedItem(SealedRef ref, String name, AccountId author, Instant created) {}
