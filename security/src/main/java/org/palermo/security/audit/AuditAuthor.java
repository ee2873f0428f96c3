package org.palermo.security.audit;

import java.util.Objects;
import org.palermo.security.ids.AccountId;

/**
 * Who wrote an audit-log entry, as {@link AuditLog} established it from the entry's signing
 * key: the server (its key, for what only it observes) or a member of the workspace (a key of an
 * identity in the membership log).
 */
public sealed interface AuditAuthor permits AuditAuthor.Server, AuditAuthor.Member {

    /** The server, with the key the log was verified against. */
    record Server() implements AuditAuthor {
    }

    /** A member, by account (the pseudonym the log shows). */
    record Member(AccountId account) implements AuditAuthor {
        public Member {
            Objects.requireNonNull(account, "account");
        }
    }
}
