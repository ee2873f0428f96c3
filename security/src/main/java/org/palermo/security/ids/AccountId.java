package org.palermo.security.ids;

/** The random 128-bit id of a account. */
public final class AccountId extends Id128 {
    private AccountId(byte[] value) {
        super(value);
    }

    /** A fresh random id. */
    public static AccountId random() {
        return new AccountId(randomBytes());
    }

    /** The id with these 16 bytes. */
    public static AccountId of(byte[] value) {
        return new AccountId(value);
    }

    /** The id written as 32 hex digits. */
    public static AccountId parse(String hex) {
        return new AccountId(parseHex(hex));
    }
}
