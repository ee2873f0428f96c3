package org.palermo.security.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SignatureException;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.keys.SigningKeyPair;

class LoginChallengeTest {
    final SigningKeyPair device = SigningKeyPair.generate();
    final LoginChallenge challenge = LoginChallenge.issue(AccountId.random(), DeviceId.random(), Instant.ofEpochSecond(1_800_000_000L));

    @Test
    void signAndVerify_sameChallenge_verifies() throws SignatureException {
        challenge.verify(device.publicKey(), challenge.sign(device));
        LoginChallenge decoded = LoginChallenge.decode(challenge.encode());
        decoded.verify(device.publicKey(), challenge.sign(device));
        assertEquals(challenge, decoded);
        assertEquals(challenge.hashCode(), decoded.hashCode());
        assertEquals(Instant.ofEpochSecond(1_800_000_000L), decoded.issuedAt());
        assertEquals(challenge.account(), decoded.account());
        assertEquals(challenge.device(), decoded.device());
        assertEquals(LoginChallenge.ENCODED_LENGTH, challenge.encode().length);
    }

    @Test
    void verify_otherChallengeKeyOrPurpose_rejected() {
        byte[] sig = challenge.sign(device);
        LoginChallenge other = LoginChallenge.issue(challenge.account(), challenge.device(), challenge.issuedAt());
        assertNotEquals(challenge, other, "a fresh nonce each time");
        assertThrows(SignatureException.class, () -> other.verify(device.publicKey(), sig));
        assertThrows(SignatureException.class, () -> challenge.verify(SigningKeyPair.generate().publicKey(), sig));
        byte[] asAudit = device.sign(SignaturePurpose.AUDIT_ENTRY, challenge.encode());
        assertThrows(SignatureException.class, () -> challenge.verify(device.publicKey(), asAudit));
        for (int i = 0; i < LoginChallenge.ENCODED_LENGTH; i++) {
            byte[] enc = challenge.encode();
            enc[i] ^= 1;
            if (i == 0) {
                assertThrows(IllegalArgumentException.class, () -> LoginChallenge.decode(enc));
                continue;
            }
            LoginChallenge tampered = LoginChallenge.decode(enc);
            assertThrows(SignatureException.class, () -> tampered.verify(device.publicKey(), sig), "byte " + i);
        }
    }

    @Test
    void decode_wrongLength_refused() {
        byte[] enc = challenge.encode();
        assertThrows(IllegalArgumentException.class, () -> LoginChallenge.decode(Arrays.copyOf(enc, enc.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> LoginChallenge.decode(Arrays.copyOf(enc, enc.length + 1)));
        byte[] negative = enc.clone();
        negative[enc.length - 8] = (byte) 0x80;
        assertThrows(IllegalArgumentException.class, () -> LoginChallenge.decode(negative));
    }
}
