package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Durability;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The engine in a child JVM for {@link CrashRecoveryIT}: starts an {@link Engine} journaling to the directory named
 * by its one argument (recovering whatever is there), then answers stdin line by line on stdout, one line per
 * request once the engine has decided it (authorizations in the order they complete, so many are in the ring at
 * once), flushed whenever no more answers wait. Exits when stdin closes. Cards travel as indexes into
 * {@link #pan}: no PAN crosses the pipes or reaches the output.
 * Every answer line starts with {@link #MARK}.
 *
 * <pre>
 *  in:  A id card C|N amountMinor timeMillis   authorize        out: id sequence action code reason
 *       F id card timeMillis                   report fraud     out: id sequence FLAG status -
 *       DIGEST                                                  out: DIGEST hex
 *  at start                                                     out: READY recovered
 * </pre>
 */
public final class CrashTestServer {
    static final String BIN = "455601";
    /** Starts every answer line: the test ignores lines without it. */
    static final String MARK = "@ ";
    private static final String END = new String("<end>");
    /** Fewer than the test's cards: the card store churns, and flags must outlive it. */
    static final int CARD_CAPACITY = 128;
    /** Snapshots this often, so that kills land before, during and after snapshots. */
    static final Duration SNAPSHOT_INTERVAL = Duration.ofMillis(200);

    private CrashTestServer() {
    }

    /** The engine the child runs; the test rebuilds a {@code RiskEngine} from the same settings. */
    static EngineConfig config(final Path directory) {
        return TestRequests.smallEngine()
            .cardCapacity(CARD_CAPACITY)
            .journal(JournalConfig.in(directory).withDurability(Durability.PROCESS_CRASH)
                .withSnapshotInterval(SNAPSHOT_INTERVAL))
            .build();
    }

    static String pan(final int card) {
        return TestCards.pan(BIN, card);
    }

    public static void main(final String[] args) throws IOException, InterruptedException {
        final Path directory = Path.of(args[0]);
        // Answers go straight to file descriptor 1, each line marked; anything else printing to System.out goes to
        // stderr, and what the JVM itself prints on stdout carries no mark.
        System.setOut(System.err);
        final OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        final Thread writer = new Thread(() -> write(answers, out), "crash-server-writer");
        writer.start();
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        try (Engine engine = Engine.start(config(directory))) {
            answers.add("READY " + engine.stats().counter("journal.recovered"));
            String line;
            while ((line = in.readLine()) != null) {
                handle(engine, line.trim().split(" "), answers);
            }
        } finally {
            answers.add(END);
            writer.join();
        }
    }

    /**
     * Authorizations go in asynchronously, so that many are in the ring at once, and are answered as they
     * complete, not necessarily in order; fraud reports and digests are answered before the next line is read.
     */
    private static void handle(final Engine engine, final String[] f, final BlockingQueue<String> answers) {
        switch (f[0]) {
            case "A" -> {
                final String pan = pan(Integer.parseInt(f[2]));
                final long time = Long.parseLong(f[5]);
                final AuthorizationRequest.Builder request = "C".equals(f[3]) ? TestRequests.cardPresent(pan, time)
                    : TestRequests.cardNotPresent(pan, time);
                engine.authorizeAsync(request.requestId(f[1]).amountMinor(Long.parseLong(f[4])).build())
                    .thenAccept(d -> {
                        final ReasonCode reason = d.primaryReason();
                        answers.add(d.requestId() + " " + d.sequence() + " " + d.action() + " "
                            + d.responseCode().code() + " " + (reason == null ? "-" : reason.name()));
                    });
            }
            case "F" -> {
                final Ack ack = engine.reportFraud(FraudReport.of(CardRef.pan(pan(Integer.parseInt(f[2]))),
                    FraudReportKind.ISSUER_REPORT, Long.parseLong(f[3])));
                answers.add(f[1] + " " + ack.sequence() + " FLAG " + ack.status() + " -");
            }
            case "DIGEST" -> answers.add("DIGEST " + Long.toHexString(engine.stateDigest()));
            default -> answers.add("ERROR unknown command " + f[0]);
        }
    }

    /** Writes answers off the engine's threads, flushing whenever no more are waiting. */
    private static void write(final BlockingQueue<String> answers, final OutputStream out) {
        try {
            while (true) {
                final String line = answers.take();
                if (line == END) {
                    out.flush();
                    return;
                }
                answer(out, line);
                if (answers.isEmpty()) {
                    out.flush();
                }
            }
        } catch (final IOException | InterruptedException e) {
            // The test went away: nobody is reading.
        }
    }

    /** Newline last: a line a kill cuts short has none, and the test drops it. */
    private static void answer(final OutputStream out, final String line) throws IOException {
        out.write((MARK + line + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
