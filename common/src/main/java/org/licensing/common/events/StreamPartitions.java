package org.licensing.common.events;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Stable partition choice (CRC32, the same in every language and JVM). */
public final class StreamPartitions {

    private StreamPartitions() {}

    public static int of(String key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }
}
