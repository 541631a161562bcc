package io.ringfence;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardNumbers;
import io.ringfence.api.CardRef;
import io.ringfence.api.EngineStats;
import io.ringfence.api.EntryMode;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static io.ringfence.TestRequests.DAY;
import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PAN never rests: after a mix of good, bad, flagged, linked and stand-in traffic, no card number appears in
 * any decision, acknowledgement, request or card reference {@code toString()}, state dump, statistics, exception
 * message, log line (the engine logs through System.Logger, which defaults to java.util.logging) or console
 * output. Failure messages name cards by their masked form only.
 */
@Timeout(60)
class PanNeverRestsIT {
    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(final LogRecord record) {
            synchronized (logLines) {
                logLines.add(formatter.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Level originalLevel;

    @BeforeEach
    void captureLogsAndConsole() {
        final Logger root = Logger.getLogger("");
        originalLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        originalOut = System.out;
        originalErr = System.err;
        final PrintStream tee = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        final Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(originalLevel);
    }

    @Test
    void noCardNumberAppearsInAnythingTheEngineSaysKeepsOrLogs() throws Exception {
        final List<String> pans = new ArrayList<>(TestCards.KNOWN);
        pans.addAll(TestCards.pans("523456", 40));
        pans.add("411111111111111111" + CardNumbers.luhnCheckDigit("411111111111111111"));
        final String token = TestCards.pan("489537", 7);
        pans.add(token);
        final List<String> badPans = new ArrayList<>();
        for (final String pan : pans.subList(0, 10)) {
            badPans.add(TestCards.withBadCheckDigit(pan));
        }

        final List<String> said = new ArrayList<>();
        final Engine engine = Engine.start(smallEngine().build());
        String dump;
        EngineStats stats;
        try {
            long time = T0;
            for (final String pan : pans) {
                final AuthorizationRequest cp = cardPresent(pan, time += MINUTE).requestId("cp-" + said.size()).build();
                final AuthorizationRequest cnp = cardNotPresent(pan, time += MINUTE).requestId("cnp-" + said.size()).build();
                final AuthorizationRequest rejected = cardPresent(pan, time += MINUTE).amountMinor(-1).build();
                final AuthorizationRequest expired = cardNotPresent(pan, time += MINUTE).expiry("0120").build();
                for (final AuthorizationRequest r : List.of(cp, cnp, rejected, expired)) {
                    said.add(r.toString());
                    said.add(engine.authorize(r).toString());
                }
                said.add(engine.authorizeAsync(cardPresent(pan, time += MINUTE).build()).get(30, TimeUnit.SECONDS)
                    .toString());
                said.add(CardRef.pan(pan).toString());
            }
            for (final String bad : badPans) {
                final AuthorizationRequest r = cardPresent(bad, time += MINUTE).build();
                said.add(r.toString());
                said.add(engine.authorize(r).toString());
                said.add(engine.reportFraud(FraudReport.of(CardRef.pan(bad), FraudReportKind.ISSUER_REPORT, time))
                    .toString());
            }
            said.add(engine.linkToken(CardRef.pan(token), CardRef.pan(TestCards.VISA)).toString());
            final FraudReport report = new FraudReport(CardRef.pan(TestCards.VISA), FraudReportKind.FRAUD_CHARGEBACK,
                time += MINUTE, "store-1", "till-1");
            said.add(report.toString());
            said.add(engine.reportFraud(report).toString());
            said.add(engine.authorize(cardPresent(TestCards.VISA, time += MINUTE).build()).toString());
            said.add(engine.authorize(cardPresent(token, time += MINUTE).entryMode(EntryMode.WALLET).build()).toString());
            said.add(engine.clearFlag(CardRef.pan(token)).toString());
            cardNotPresentFraud(engine, TestCards.MASTERCARD, time += DAY);
            said.add(engine.authorize(cardPresent(TestCards.MASTERCARD, time += 4 * DAY).build()).toString());
            said.add(engine.authorize(cardPresent(TestCards.AMEX, time).build(), Duration.ofNanos(1)).toString());
            said.add(engine.authorize(cardPresent(null, time).cardReference(TestCards.DISCOVER).build()).toString());

            dump = engine.stateDump();
            stats = engine.stats();
            said.add(stats.toString());
            said.add(String.valueOf(engine.stateDigest()));
            said.add(engine.config().toString());
        } finally {
            engine.close();
        }
        said.add(engine.authorize(cardPresent(TestCards.VISA, T0).build()).toString());
        said.add(assertThrows(IllegalStateException.class, engine::stateDump).getMessage());
        said.add(assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(TestCards.VISA)).getMessage());
        said.add(assertThrows(IllegalArgumentException.class,
            () -> new FraudReport(CardRef.pan(TestCards.VISA), null, T0, null, null)).getMessage());

        assertTrue(dump.contains("bin=411111 last4=1111"), "the dump shows cards by BIN and last four");
        assertTrue(stats.counter("flags.blocked.CP") >= 2, "the traffic included cross-channel blocks");
        final String logs;
        synchronized (logLines) {
            logs = String.join("\n", logLines);
        }
        assertTrue(logs.contains("Ringfence engine started") && logs.contains("Ringfence engine stopped"),
            "the log capture saw the engine's own lines");
        final String out = console.toString(StandardCharsets.UTF_8);

        final List<String> allPans = new ArrayList<>(pans);
        allPans.addAll(badPans);
        for (final String pan : allPans) {
            final String masked = CardNumbers.mask(pan);
            for (int i = 0; i < said.size(); i++) {
                assertFalse(said.get(i).contains(pan), "card " + masked + " printed by output #" + i);
            }
            assertFalse(dump.contains(pan), "card " + masked + " in the state dump");
            assertFalse(logs.contains(pan), "card " + masked + " in a log line");
            assertFalse(out.contains(pan), "card " + masked + " on the console");
        }
    }

    private static void cardNotPresentFraud(final Engine engine, final String pan, final long start) {
        for (int day = 0; day < 3; day++) {
            engine.authorize(cardNotPresent(pan, start + day * DAY).amountMinor(5_000).build());
        }
        engine.authorize(cardNotPresent(pan, start + 3 * DAY).amountMinor(600_000).deviceId("never-seen")
            .ipAddress("192.0.2.66").ipCountry("RU").billingCountry("RU").build());
    }
}
