package org.licensing.stats.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MasterScanTest {

    @Test
    void mastersAreTheLiveMasterLinesOfClusterNodes() {
        String nodes = """
                07c3 127.0.0.1:7002@17002 master - 0 1700000000000 2 connected 5461-10922
                e7d1 127.0.0.1:7001@17001,redis-0 myself,master - 0 0 1 connected 0-5460
                3a9f 127.0.0.1:7004@17004 slave 07c3 0 1700000000000 2 connected
                9b1e 127.0.0.1:7003@17003 master,fail - 1700000000000 1700000000000 3 disconnected
                5c2a :0@0 master,noaddr - 0 0 0 disconnected
                """;
        assertEquals(List.of("127.0.0.1:7002", "127.0.0.1:7001"), MasterScan.masterAddresses(nodes));
    }
}
