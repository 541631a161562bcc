package io.ringfence.models;

import io.ringfence.OfflineEngine;
import io.ringfence.models.training.FeatureReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the flags did in a replay: who was flagged, rightly or not, and which genuine taps a flag refused. */
class FlagAuditTest {
    private static final Duration DELAY = Duration.ofDays(2);
    private static final long T0 = Instant.parse("2025-03-03T10:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void countsFlagsOnFraudCardsAndTheGenuineTapsEachKindOfFlagRefused() throws IOException {
        final List<String> lines = new ArrayList<>(List.of("timestamp,card,amount,channel,id,merchant,terminal,"
            + "entry_mode,label,ip"));
        for (int attempt = 0; attempt < 5; attempt++) {
            lines.add(cardNotPresent(T0 + attempt * 60_000L, "tested", "t" + attempt, 0));
        }
        lines.add(cardPresent(T0 + 3_600_000L, "tested", "owner-tap", 0));
        for (int attempt = 0; attempt < 5; attempt++) {
            lines.add(cardNotPresent(T0 + 7_200_000L + attempt * 60_000L, "stolen", "s" + attempt, 1));
        }
        lines.add(cardPresent(T0 + 10_800_000L, "stolen", "thief-tap", 1));
        lines.add(cardPresent(T0 + 14_400_000L, "reported", "fraud", 1));
        lines.add(cardPresent(T0 + DELAY.toMillis() + 18_000_000L, "reported", "customer-tap", 0));
        final Path csv = dir.resolve("flags.csv");
        Files.writeString(csv, String.join("\n", lines) + "\n");

        final FlagAudit audit = new FlagAudit((row, outcome, inWindow) -> { }, T0);
        new FeatureReplay(DELAY, T0, Long.MAX_VALUE, 1 << 14).run(csv,
            OfflineEngine.create(FeatureReplay.engineConfig(1 << 14)), audit);
        final FlagAudit.Result result = audit.result();

        assertEquals(2, result.decisionFlags(), "card testing flagged both tested cards");
        assertEquals(1, result.decisionFlagsOnFraudCards(), "only the stolen card had fraud");
        assertEquals(0.5, result.decisionPrecision());
        assertEquals(1, result.reportFlags(), "the reported card's label arrived as a report and flagged it");
        assertEquals(2.0 / 3, result.precision(), 1e-9);
        assertEquals(2, result.genuineCardPresent());
        assertEquals(1, result.genuineCardPresentRefused(), "the owner of the wrongly flagged card");
        assertEquals(0, result.genuineCardPresentRefusedOnFraudCards());
        assertEquals(0.5, result.genuineCardPresentFalselyRefusedRate());
        assertEquals(1, result.genuineCardPresentRefusedForReports(), "the customer paying on after a report");
    }

    private static String cardNotPresent(final long time, final String card, final String id, final int label) {
        return Instant.ofEpochMilli(time) + "," + card + ",1.00,CNP," + id + ",M9,,ecommerce," + label + ",10.0.0.9";
    }

    private static String cardPresent(final long time, final String card, final String id, final int label) {
        return Instant.ofEpochMilli(time) + "," + card + ",25.00,CP," + id + ",M1,T1,contactless," + label + ",";
    }
}
