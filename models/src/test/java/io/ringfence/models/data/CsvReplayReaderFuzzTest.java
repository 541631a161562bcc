package io.ringfence.models.data;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.StringReader;

/**
 * The CSV replay reader on arbitrary text: rows come out, or a {@link ReplayFormatException} names the line; no
 * other exception, whatever the file holds.
 */
class CsvReplayReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void anyTextReadsOrIsRefusedWithItsLine(final FuzzedDataProvider data) throws IOException {
        try (CsvReplayReader reader = new CsvReplayReader(new StringReader(data.consumeRemainingAsString()),
            "fuzz.csv")) {
            while (reader.next() != null) {
                // Every row the reader accepts is a well-formed request.
            }
        } catch (final ReplayFormatException expected) {
            // Refused with file:line: problem.
        }
    }
}
