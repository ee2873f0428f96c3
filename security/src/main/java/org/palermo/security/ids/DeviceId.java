package org.palermo.security.ids;

/** The random 128-bit id of a device. */
public final class DeviceId extends Id128 {
    private DeviceId(byte[] value) {
        super(value);
    }

    /** A fresh random id. */
    public static DeviceId random() {
        return new DeviceId(randomBytes());
    }

    /** The id with these 16 bytes. */
    public static DeviceId of(byte[] value) {
        return new DeviceId(value);
    }

    /** The id written as 32 hex digits. */
    public static DeviceId parse(String hex) {
        return new DeviceId(parseHex(hex));
    }
}
