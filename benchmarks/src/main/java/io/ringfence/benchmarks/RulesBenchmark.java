package io.ringfence.benchmarks;

import io.ringfence.EngineConfig;
import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureVector;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.rules.Rule;
import io.ringfence.rules.RuleInput;
import io.ringfence.rules.RuleSet;
import io.ringfence.rules.RulesCompiler;
import io.ringfence.rules.RulesException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What analysts' rules add to the business step: {@link RuleInput#load} from the event, features and score, then
 * {@link RuleSet#decide} with the score approving, so every rule in force is evaluated (the costliest case), on the
 * calling thread ({@code loadAndDecide}); and the evaluation alone, on payments loaded at setup ({@code decide}).
 *
 * <p>{@code one}: a single rule of three comparisons ({@code :channel: = 'CNP' and :amount: > 300 and :ip_country:
 * != :card_country:}). {@code hundred}: 100 rules over request fields, features, the score and 10 lists of 100,000
 * items each (e-mails, merchants, devices), with items no payment carries, so hardly any rule decides early. The
 * payments are {@value SyntheticTraffic#TEMPLATES} events decoded once by the engine's {@link Ingress} from mixed
 * card-present and card-not-present requests ({@link SyntheticTraffic}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {ForkFlags.NO_BOUNDS_CHECKS, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class RulesBenchmark {
    private static final int LISTS = 10;
    private static final int LIST_ITEMS = 100_000;
    private static final int RULES = 100;

    /** {@code one} simple rule, or {@code hundred} rules with ten lists of 100k items. */
    @Param({"one", "hundred"})
    public String rules;

    private final SyntheticTraffic traffic = new SyntheticTraffic();
    private final EngineEvent[] pool = new EngineEvent[SyntheticTraffic.TEMPLATES];
    private final FeatureVector[] features = new FeatureVector[SyntheticTraffic.TEMPLATES];
    private final RuleInput input = new RuleInput();
    private final RuleInput[] loaded = new RuleInput[SyntheticTraffic.TEMPLATES];
    private RuleSet ruleSet;
    private Path directory;
    private long op;
    private long decided;

    @Setup(Level.Trial)
    public void setUp() throws IOException, RulesException {
        final CardFingerprinter fingerprinter = new CardFingerprinter(SyntheticTraffic.developmentKey());
        final Ingress ingress = new Ingress(fingerprinter, EngineConfig.MAX_AMOUNT_MINOR_DEFAULT,
            () -> SyntheticTraffic.START_MILLIS);
        for (int t = 0; t < pool.length; t++) {
            final EngineEvent event = new EngineEvent();
            event.clear();
            event.type = EventType.AUTHORIZE;
            ingress.decodeAuthorization(traffic.request(t, t), event);
            if (event.rejection != null) {
                throw new IllegalStateException("template " + t + " rejected: " + event.rejection);
            }
            event.resolvedFingerprintHigh = event.fingerprintHigh;
            event.resolvedFingerprintLow = event.fingerprintLow;
            pool[t] = event;
            final FeatureVector vector = new FeatureVector();
            vector.set(Feature.AMOUNT, event.amountMinor / 100.0);
            vector.set(Feature.CARD_NOT_PRESENT, event.channel == Channel.CNP ? 1 : 0);
            vector.set(Feature.CNP_COUNT_1H, t % 7);
            vector.set(Feature.NEW_DEVICE, t % 11 == 0 ? 1 : 0);
            vector.set(Feature.AMOUNT_TO_AVERAGE_30D, (t % 13) / 4.0);
            features[t] = vector;
            loaded[t] = new RuleInput();
            loaded[t].load(event, vector, t % 1000);
        }
        directory = Files.createTempDirectory("ringfence-rules-bench");
        final Path file = "one".equals(rules) ? Files.writeString(directory.resolve("one.rules"),
            "[foreign-online] Block if :channel: = 'CNP' and :amount: > 300 and :ip_country: != :card_country:\n")
            : hundredRules();
        ruleSet = new RulesCompiler(fingerprinter.identifierHash()).compile(file);
    }

    /** 100 rules over ten lists of 100k items; list kinds cycle e-mail, merchant, device. */
    private Path hundredRules() throws IOException {
        final String[] attributes = {"email", "merchant_id", "device_id"};
        final StringBuilder text = new StringBuilder();
        for (int l = 0; l < LISTS; l++) {
            final String attribute = attributes[l % attributes.length];
            final int list = l;
            Files.write(directory.resolve("list-" + l + ".txt"), IntStream.range(0, LIST_ITEMS)
                .mapToObj(i -> "listed-" + attribute + "-" + list + "-" + i + (attribute.equals("email")
                    ? "@example.com" : "")).toList());
            text.append("list @list").append(l).append(" from 'list-").append(l).append(".txt'\n");
        }
        final String[] actions = {"Block", "Review", "Request 3DS", "Block", "Review"};
        for (int r = 0; r < RULES; r++) {
            final int l = r % LISTS;
            final String action = actions[r % actions.length];
            final String condition = switch (r % 4) {
                case 0 -> ":" + attributes[l % attributes.length] + ": in @list" + l + " and :amount: > " + r;
                case 1 -> ":channel: = 'CNP' and :amount: > " + (5_000 + r) + " and :ip_country: != :card_country:";
                case 2 -> "(:cnp_count_1h: > " + (50 + r) + " or :amount_to_average_30d: > " + (20 + r)
                    + ") and not :card_country: in ('US', 'CA', 'GB')";
                default -> ":new_device: and :risk_score: > " + (900 + r % 50) + " or :" + attributes[l
                    % attributes.length] + ": in @list" + l;
            };
            text.append("[rule-").append(r).append("] ").append(action).append(" if ").append(condition).append('\n');
        }
        return Files.writeString(directory.resolve("hundred.rules"), text);
    }

    /** Prints how many payments a rule decided, so a run where rules stopped early shows it. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.println();
        System.out.println("[rules] " + rules + ": " + ruleSet.rules().size() + " rules, " + ruleSet.lists().size()
            + " lists, ops=" + op + ", decided by a rule=" + decided + ", hits=" + ruleSet.rules().stream()
            .mapToLong(Rule::hits).sum());
        try (Stream<Path> files = Files.walk(directory)) {
            final List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (final Path path : all) {
                Files.delete(path);
            }
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Evaluates the rules on a payment already loaded: the compiled conditions alone, in ns/op. */
    @Benchmark
    public Rule decide() {
        final Rule rule = ruleSet.decide(loaded[(int)(op++ & SyntheticTraffic.TEMPLATE_MASK)], Action.APPROVE);
        if (rule != null) {
            decided++;
        }
        return rule;
    }

    /** Loads one payment into the rule input and evaluates the rules: their cost per authorization, in ns/op. */
    @Benchmark
    public Rule loadAndDecide() {
        final int template = (int)(op++ & SyntheticTraffic.TEMPLATE_MASK);
        input.load(pool[template], features[template], template % 1000);
        final Rule rule = ruleSet.decide(input, Action.APPROVE);
        if (rule != null) {
            decided++;
        }
        return rule;
    }
}
