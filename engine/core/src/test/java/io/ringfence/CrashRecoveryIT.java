package io.ringfence;

import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EventType;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.journal.JournalReader;
import io.ringfence.metrics.EngineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.ringfence.TestRequests.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The crash test: the engine runs in a child JVM ({@link CrashTestServer}) under pipelined load from this test,
 * which kills it with SIGKILL at seeded-random moments and restarts it on the same journal directory, recovering
 * from the newest snapshot plus the journal after it. After every restart, and once more after a clean stop:
 * <ol>
 *   <li>every decision and fraud-report acknowledgement the client received is in the input journal under the
 *       sequence it was given (same event type, request id and card fingerprint), and a clean replay of the
 *       journal gives the same action and response code the client got;</li>
 *   <li>the recovered engine's state digest equals the digest of a clean replay of the whole journal into a fresh
 *       {@link RiskEngine};</li>
 *   <li>every card whose fraud report was acknowledged before a kill is declined at a card-present tap after it,
 *       59 with {@link ReasonCode#CARD_FLAGGED_ONLINE}, though the child's card store holds fewer cards than the
 *       traffic uses and churns throughout;</li>
 *   <li>every stand-in the client received is in the decision journal.</li>
 * </ol>
 * The kill moments, traffic and fraud reports come from one seed ({@code -Dringfence.crash.seed}); where a kill
 * lands relative to the engine's work is up to the scheduler, and the checks hold wherever it lands.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CrashRecoveryIT {
    private static final long SEED = Long.getLong("ringfence.crash.seed", 0x5EEDL);
    private static final int KILLS = 12;
    private static final int CARDS = 300;
    /** Fraud reports name only these cards, so that most traffic stays on unflagged cards. */
    private static final int FRAUD_POOL = 150;
    /**
     * Requests written ahead of the answers read. The child decides authorizations asynchronously, so up to this
     * many are in its ring at once, and a kill finds events at every stage.
     */
    private static final int WINDOW = 64;
    private static final int MIN_KILL_DELAY_MILLIS = 100;
    private static final int MAX_KILL_DELAY_MILLIS = 900;
    private static final int FINAL_REQUESTS = 2_000;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** The traffic: how much of it is sent before each kill is up to timing, so kill moments draw from their own. */
    private final Random random = new Random(SEED);
    private final Random killMoments = new Random(~SEED);
    private final List<Answer> answers = new ArrayList<>();
    private final TreeSet<Integer> flagged = new TreeSet<>();
    private final long[][] fingerprints = new long[CARDS][];
    private long nextId;
    private long clock = T0;
    private int standIns;
    private int flagChecks;

    @Test
    void everyAcknowledgedDecisionAndFlagSurvivesRepeatedSigkills(@TempDir final Path dir) throws Exception {
        final Path journal = dir.resolve("journal");
        final Path logs = Files.createDirectories(dir.resolve("logs"));
        final String classPath = Child.privateClassPath(dir.resolve("classes"));
        final CardFingerprinter fingerprinter = new CardFingerprinter(CrashTestServer.config(journal).fingerprintKey());
        for (int card = 0; card < CARDS; card++) {
            fingerprints[card] = new long[2];
            fingerprinter.fingerprint(CrashTestServer.pan(card), fingerprints[card]);
        }
        final long started = System.nanoTime();
        int kills = 0;
        for (int epoch = 0; epoch <= KILLS; epoch++) {
            try (Child child = Child.start(classPath, journal, logs.resolve("child-" + epoch + ".log"))) {
                final long recovered = Long.parseLong(child.expect("READY").substring("READY ".length()));
                final long digest = Long.parseUnsignedLong(child.expect("DIGEST", "DIGEST")
                    .substring("DIGEST ".length()), 16);
                final int checked = checkJournal(journal, digest, "after restart " + epoch);
                checkFlagsStillBlock(child, epoch);
                if (epoch < KILLS) {
                    final int delay = MIN_KILL_DELAY_MILLIS + killMoments.nextInt(MAX_KILL_DELAY_MILLIS
                        - MIN_KILL_DELAY_MILLIS);
                    final Client client = new Client(child, Integer.MAX_VALUE);
                    final Thread thread = new Thread(client, "crash-client");
                    thread.start();
                    Thread.sleep(delay);
                    child.kill();
                    kills++;
                    thread.join(ANSWER_TIMEOUT.toMillis());
                    assertTrue(!thread.isAlive(), "the client stops once the child is dead");
                    assertTrue(client.problems.isEmpty(), String.join("\n", client.problems));
                    System.out.printf("epoch %d: recovered %d events, %d answers checked in the journal, killed after "
                        + "%d ms with %d answers this epoch and %d in flight, %d cards flagged%n", epoch, recovered,
                        checked, delay, client.received, client.inFlightAtEnd, flagged.size());
                } else {
                    final Client client = new Client(child, FINAL_REQUESTS);
                    client.run();
                    assertTrue(client.problems.isEmpty(), String.join("\n", client.problems));
                    final long finalDigest = Long.parseUnsignedLong(child.expect("DIGEST", "DIGEST")
                        .substring("DIGEST ".length()), 16);
                    child.closeInput();
                    assertEquals(0, child.awaitExit(ANSWER_TIMEOUT), "the child stops cleanly when its input closes");
                    final int all = checkJournal(journal, finalDigest, "after the clean stop");
                    System.out.printf("final: recovered %d events, %d answers in the journal, %d flag checks, "
                        + "%d stand-ins, %d kills, %.1f s%n", recovered, all, flagChecks, standIns, kills,
                        (System.nanoTime() - started) / 1e9);
                }
            }
        }
        assertTrue(kills >= 10, "at least 10 kills, was " + kills);
        assertTrue(answers.size() > 1_000, "the load got through between kills: " + answers.size() + " answers");
        assertTrue(flagChecks > 0, "some flags were set before a kill and checked after it");
        final long[] audited = new long[1];
        DecisionJournal.read(JournalConfig.in(journal).decisionDirectory(), record -> {
            if (record.sequence() < 0 && record.standIn()) {
                audited[0]++;
            }
        });
        assertTrue(audited[0] >= standIns, "every stand-in a caller received is in the decision journal: "
            + audited[0] + " audited, " + standIns + " received");
    }

    /**
     * Replays the whole input journal into a fresh {@link RiskEngine} built like the child's, checks every answer
     * the client received against it and the replayed digest against {@code liveDigest}.
     *
     * @return the number of answers checked
     */
    private int checkJournal(final Path journal, final long liveDigest, final String when) {
        final EngineConfig config = CrashTestServer.config(journal);
        final RiskEngine replay = new RiskEngine(config.capacities(), config.scorerFactory().get(),
            new DecisionPolicy(config.thresholds()), new EngineCounters());
        final Map<Long, Journaled> bySequence = new HashMap<>();
        final Path input = config.journal().inputDirectory();
        final long[] last = {-1L};
        if (Files.isDirectory(input)) {
            try (JournalReader reader = JournalReader.open(input)) {
                reader.replay(-1, (event, sequence) -> {
                    assertTrue(sequence > last[0], "journal sequences increase: " + sequence + " after " + last[0]);
                    last[0] = sequence;
                    final String requestId = event.requestId == null ? null : event.requestId.toString();
                    final long high = event.fingerprintHigh;
                    final long low = event.fingerprintLow;
                    replay.apply(event, sequence);
                    bySequence.put(sequence, new Journaled(event.type, requestId, high, low,
                        event.action == null ? null : event.action.name(),
                        event.responseCode == null ? null : event.responseCode.code()));
                });
            }
        }
        assertEquals(Long.toHexString(replay.stateDigest()), Long.toHexString(liveDigest),
            "state digest " + when + " equals a clean replay of the " + bySequence.size() + " journaled events");
        int checked = 0;
        for (final Answer answer : answers) {
            if (answer.sequence < 0) {
                continue;
            }
            final Journaled event = bySequence.get(answer.sequence);
            final String what = answer + " " + when;
            if (event == null) {
                fail("acknowledged but not journaled: " + what);
            }
            final long[] fingerprint = fingerprints[answer.card];
            assertEquals(fingerprint[0], event.high, "fingerprint of " + what);
            assertEquals(fingerprint[1], event.low, "fingerprint of " + what);
            if (answer.authorization) {
                assertEquals(EventType.AUTHORIZE, event.type, what);
                assertEquals(answer.id, event.requestId, "request id of " + what);
                assertEquals(answer.action, event.action, "replayed action of " + what);
                assertEquals(answer.code, event.code, "replayed response code of " + what);
            } else {
                assertEquals(EventType.REPORT_FRAUD, event.type, what);
            }
            checked++;
        }
        return checked;
    }

    /** Taps every card whose fraud report was acknowledged (before some kill): each must be declined 59. */
    private void checkFlagsStillBlock(final Child child, final int epoch) throws IOException {
        final Map<String, Integer> cardById = new HashMap<>();
        for (final int card : new ArrayList<>(flagged)) {
            final String line = authorization(card, true, 2_000);
            cardById.put(line.split(" ")[1], card);
            child.send(line);
        }
        child.flush();
        while (!cardById.isEmpty()) {
            final String line = child.expect(null);
            final String id = line.split(" ")[0];
            final Integer card = cardById.remove(id);
            assertTrue(card != null, "answer to a request not asked: " + line);
            final Answer answer = Answer.parse(line, card, true);
            record(answer);
            assertEquals("DECLINE 59 CARD_FLAGGED_ONLINE", answer.action + " " + answer.code + " " + answer.reason,
                "card " + card + " (fraud report acknowledged before a kill) tapped in store after restart " + epoch);
            flagChecks++;
        }
    }

    private String authorization(final int card, final boolean cardPresent, final long amountMinor) {
        clock += 1_000L + random.nextInt(30_000);
        return "A r" + nextId++ + " " + card + " " + (cardPresent ? "C" : "N") + " " + amountMinor + " " + clock;
    }

    /** The next request of the seeded traffic: mostly authorizations over all cards, now and then a fraud report. */
    private String nextRequest(final int[] cardOut, final boolean[] authorizationOut) {
        if (random.nextInt(500) == 0) {
            final int card = random.nextInt(FRAUD_POOL);
            cardOut[0] = card;
            authorizationOut[0] = false;
            clock += 1_000L;
            return "F f" + nextId++ + " " + card + " " + clock;
        }
        final int card = random.nextInt(CARDS);
        final boolean cardPresent = random.nextBoolean();
        final long amount = random.nextInt(10) == 0 ? 50 + random.nextInt(200) : 500 + random.nextInt(40_000);
        cardOut[0] = card;
        authorizationOut[0] = true;
        return authorization(card, cardPresent, amount);
    }

    private void record(final Answer answer) {
        answers.add(answer);
        if (answer.sequence < 0) {
            standIns++;
        }
        if (!answer.authorization && answer.sequence >= 0) {
            flagged.add(answer.card);
        }
    }

    /**
     * Writes requests up to {@link #WINDOW} ahead of the answers and reads the answers (in the order the child
     * completes them; after a fraud report it waits for answers before writing more), until it has sent
     * {@code limit} requests and read their answers, or the child dies (end of stream or broken pipe).
     */
    private final class Client implements Runnable {
        private final Child child;
        private final int limit;
        private final List<String> problems = new ArrayList<>();
        private int received;
        private int inFlightAtEnd;

        Client(final Child child, final int limit) {
            this.child = child;
            this.limit = limit;
        }

        @Override
        public void run() {
            final Map<String, Sent> inFlight = new HashMap<>();
            final int[] card = new int[1];
            final boolean[] authorization = new boolean[1];
            int sent = 0;
            try {
                while (true) {
                    while (inFlight.size() < WINDOW && sent < limit) {
                        final String line = nextRequest(card, authorization);
                        final String id = line.split(" ")[1];
                        inFlight.put(id, new Sent(id, card[0], authorization[0],
                            authorization[0] && flagged.contains(card[0])));
                        child.send(line);
                        sent++;
                        if (!authorization[0]) {
                            break;
                        }
                    }
                    child.flush();
                    if (inFlight.isEmpty()) {
                        return;
                    }
                    final String line = child.next(ANSWER_TIMEOUT);
                    if (line == null) {
                        problems.add("no answer within " + ANSWER_TIMEOUT + " from a live child");
                        return;
                    }
                    if (line == Child.EOF) {
                        return;
                    }
                    final Sent request = inFlight.remove(line.split(" ")[0]);
                    if (request == null) {
                        problems.add("answer to no request in flight: " + line);
                        return;
                    }
                    final Answer answer = Answer.parse(line, request.card, request.authorization);
                    record(answer);
                    received++;
                    if (request.flaggedWhenSent && answer.sequence >= 0 && !"59".equals(answer.code)) {
                        problems.add("card " + request.card + " was flagged before " + answer + " was asked");
                    }
                }
            } catch (final IOException brokenPipe) {
                // The child died while we wrote to it: its unanswered requests may or may not be journaled.
            } catch (final RuntimeException | InterruptedException e) {
                problems.add("client failed: " + e);
            } finally {
                inFlightAtEnd = inFlight.size();
            }
        }
    }

    private record Sent(String id, int card, boolean authorization, boolean flaggedWhenSent) {
    }

    private record Journaled(EventType type, String requestId, long high, long low, String action, String code) {
    }

    /** One answer the client received: {@code id sequence action code reason}. */
    private record Answer(String id, long sequence, int card, boolean authorization, String action, String code,
        String reason) {
        static Answer parse(final String line, final int card, final boolean authorization) {
            final String[] f = line.split(" ");
            if (f.length != 5) {
                throw new IllegalStateException("malformed answer: " + line);
            }
            return new Answer(f[0], Long.parseLong(f[1]), card, authorization, f[2], f[3], f[4]);
        }

        @Override
        public String toString() {
            return id + "@" + sequence + " (card " + card + ": " + action + " " + code + " " + reason + ")";
        }
    }

    /** The child JVM: its stdin, and its marked stdout lines pumped into a queue by a reader thread. */
    private static final class Child implements AutoCloseable {
        static final String EOF = new String("<eof>");

        private final Process process;
        private final Path log;
        private final OutputStream input;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(final Process process, final Path log) {
            this.process = process;
            this.log = log;
            this.input = process.getOutputStream();
            final Thread pump = new Thread(this::pump, "crash-child-stdout");
            pump.setDaemon(true);
            pump.start();
        }

        /**
         * This JVM's class path with its directories (the build's classes) copied under {@code copies}: a child
         * started later loads the classes this test was compiled with, even if a build rewrites the originals
         * meanwhile.
         */
        static String privateClassPath(final Path copies) throws IOException {
            final List<String> entries = new ArrayList<>();
            int n = 0;
            for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                final Path source = Path.of(entry);
                if (!Files.isDirectory(source)) {
                    entries.add(entry);
                    continue;
                }
                final Path target = copies.resolve(Integer.toString(n++));
                try (Stream<Path> files = Files.walk(source)) {
                    for (final Path file : (Iterable<Path>)files::iterator) {
                        final Path copy = target.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(copy);
                        } else {
                            Files.copy(file, copy);
                        }
                    }
                }
                entries.add(target.toString());
            }
            return String.join(File.pathSeparator, entries);
        }

        static Child start(final String classPath, final Path journal, final Path log) throws IOException {
            final String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            final List<String> command = List.of(java, "@" + jvmOptions(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classPath, CrashTestServer.class.getName(),
                journal.toString());
            return new Child(new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start(), log);
        }

        /** jvm.options at the root of the build: the directory Maven names, else the nearest one up from here. */
        private static Path jvmOptions() {
            final String root = System.getProperty("maven.multiModuleProjectDirectory");
            if (root != null && Files.isRegularFile(Path.of(root, "jvm.options"))) {
                return Path.of(root, "jvm.options");
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("jvm.options"))) {
                    return dir.resolve("jvm.options");
                }
            }
            throw new IllegalStateException("no jvm.options above " + Path.of("").toAbsolutePath());
        }

        /** Reads whole lines only: a line the kill cut short (no newline) is dropped, never half-read. */
        private void pump() {
            final StringBuilder line = new StringBuilder();
            final byte[] buffer = new byte[8192];
            try (InputStream out = process.getInputStream()) {
                int read;
                while ((read = out.read(buffer)) >= 0) {
                    for (int i = 0; i < read; i++) {
                        final char c = (char)(buffer[i] & 0xff);
                        if (c != '\n') {
                            line.append(c);
                            continue;
                        }
                        if (line.length() >= CrashTestServer.MARK.length()
                            && line.substring(0, CrashTestServer.MARK.length()).equals(CrashTestServer.MARK)) {
                            lines.add(line.substring(CrashTestServer.MARK.length()));
                        }
                        line.setLength(0);
                    }
                }
            } catch (final IOException e) {
                // The child was killed: the stream ends either way.
            } finally {
                lines.add(EOF);
            }
        }

        void send(final String line) throws IOException {
            input.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        void flush() throws IOException {
            input.flush();
        }

        /** The next answer line, {@link #EOF} once the child's output ended, or null after {@code timeout}. */
        String next(final Duration timeout) throws InterruptedException {
            return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Sends {@code command} (when not null) and returns the next answer, which must start with {@code prefix}. */
        String expect(final String command, final String prefix) throws IOException {
            if (command != null) {
                send(command);
                flush();
            }
            final String line;
            try {
                line = next(START_TIMEOUT);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (line == null || line == EOF || prefix != null && !line.startsWith(prefix + " ")) {
                throw new IllegalStateException("expected " + (prefix == null ? "an answer" : prefix) + " from the child, got "
                    + (line == null ? "nothing within " + START_TIMEOUT : line == EOF ? "end of output" : line)
                    + "; its stderr ends:\n" + logTail());
            }
            return line;
        }

        String expect(final String prefix) throws IOException {
            return expect(null, prefix);
        }

        /** The last lines the child wrote to stderr (the engine logs fingerprints, never PANs). */
        String logTail() {
            try {
                final List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
            } catch (final IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        void closeInput() throws IOException {
            input.close();
        }

        int awaitExit(final Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Integer.MIN_VALUE;
            }
            return process.exitValue();
        }

        /** Kills the child if it still runs: whatever happened in the test, no child outlives it. */
        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
