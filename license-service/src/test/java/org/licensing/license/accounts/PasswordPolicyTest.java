package org.licensing.license.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;

class PasswordPolicyTest {

    static void refused(String password, String why) {
        ProblemException e = assertThrows(ProblemException.class, () -> PasswordPolicy.check("new_password", password, "alice", "alice@example.test"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void lengthCommonPasswordsAndTheBcryptLimit() {
        assertEquals("correct horse battery", PasswordPolicy.check("new_password", "correct horse battery", "alice", "alice@example.test"));
        refused("nine-char", "at least 10");
        refused("Password1234", "too common");
        refused("ADMIN-CHANGE-ME", "too common");
        refused("alice@example.test", "username or e-mail");
        refused(" ".repeat(12), "blank");
        // 72 bytes in UTF-8 is the most bcrypt reads: 36 two-byte characters pass, 37 do not.
        assertEquals(36, PasswordPolicy.check("new_password", "é".repeat(36), null, null).length());
        refused("é".repeat(37), "72 bytes");
        assertTrue(PasswordPolicy.listSize() > 250);
    }
}
