package org.licensing.common.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;

import io.vertx.core.json.JsonObject;

class ExportLinesTest {

    @Test
    void csvQuotesWhatNeedsItAndDefusesFormulas() {
        assertEquals("1,plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,-5,true\r\n",
                ExportLines.csv(Arrays.asList(1, "plain", "a,b", "say \"hi\"", "two\nlines", null, -5, true)));
        assertEquals("'=SUM(A1:A9)", ExportLines.field("=SUM(A1:A9)"));
        assertEquals("'@cmd", ExportLines.field("@cmd"));
        assertEquals("\"{\"\"n\"\":1}\"", ExportLines.field(new JsonObject().put("n", 1)));
    }

    @Test
    void jsonLinesKeepTypesAndNesting() {
        assertEquals("{\"day\":\"2026-12-01\",\"n\":3,\"data\":{\"a\":\"b\"},\"none\":null}\n",
                ExportLines.line(ExportFormat.JSONL, List.of("day", "n", "data", "none"),
                        Arrays.asList(LocalDate.of(2026, 12, 1), 3, new JsonObject().put("a", "b"), null)));
        assertEquals(null, ExportLines.header(ExportFormat.JSONL, List.of("a")));
        assertEquals("a,b\r\n", ExportLines.header(ExportFormat.CSV, List.of("a", "b")));
    }

    @Test
    void formatFromParameterThenAcceptElseCsv() {
        assertEquals(ExportFormat.JSONL, ExportFormat.choose("jsonl", "text/csv"));
        assertEquals(ExportFormat.CSV, ExportFormat.choose("CSV", "application/jsonl"));
        assertEquals(ExportFormat.JSONL, ExportFormat.choose(null, "application/x-ndjson"));
        assertEquals(ExportFormat.JSONL, ExportFormat.choose(null, "application/jsonl, text/csv;q=0.5"));
        assertEquals(ExportFormat.CSV, ExportFormat.choose(null, "*/*"));
        assertEquals(ExportFormat.CSV, ExportFormat.choose("", null));
        ProblemException p = assertThrows(ProblemException.class, () -> ExportFormat.choose("xml", null));
        assertEquals(400, p.status());
    }
}
