package org.licensing.common.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;

class ExportQueryTest {

    private static final String BASE = "SELECT x FROM t WHERE true";

    @Test
    void aCustomerSeesOnlyRowsOfItsOwnLicenses() {
        ExportQuery q = new ExportQuery(BASE).visibleTo(new Caller(7, Roles.CUSTOMER), "o.owner", "o.seller", "o.pseller");
        assertEquals(BASE + " AND o.owner = $1 ORDER BY id", q.sql("id"));
        assertEquals(7L, q.args().getValue(0));
    }

    @Test
    void aSellerSeesRowsItSellsEitherWay() {
        ExportQuery q = new ExportQuery(BASE).visibleTo(new Caller(9, Roles.SELLER), "o.owner", "o.seller", "o.pseller");
        assertEquals(BASE + " AND (o.seller = $1 OR o.pseller = $1) ORDER BY id", q.sql("id"));
    }

    @Test
    void anAdminSeesEverythingAndFiltersNumberTheirArguments() {
        ExportQuery q = new ExportQuery(BASE).visibleTo(new Caller(1, Roles.ADMIN), "o.owner", "o.seller", "o.pseller")
                .equal("license_id", 42L).equal("status", null).period("created_at", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
        assertEquals(BASE + " AND license_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY id", q.sql("id"));
        assertEquals(3, q.args().size());
    }

    @Test
    void aBadInstantIsRefusedNamingItsField() {
        ProblemException e = assertThrows(ProblemException.class, () -> new ExportQuery(BASE).period("c", null, "tomorrow"));
        assertEquals(400, e.status());
        assertEquals("to", e.fieldErrors().get(0).field());
    }
}
