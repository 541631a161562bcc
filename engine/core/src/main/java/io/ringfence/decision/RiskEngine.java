package io.ringfence.decision;

import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.api.StoreCapacities;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.hashing.StableHash;
import io.ringfence.history.CardHistory;
import io.ringfence.history.CardRecord;
import io.ringfence.history.DistinctSketch;
import io.ringfence.history.EntityHistory;
import io.ringfence.history.EntityRecord;
import io.ringfence.history.FlagStore;
import io.ringfence.history.IdentifierHistory;
import io.ringfence.history.RecentRequests;
import io.ringfence.history.Tier;
import io.ringfence.history.TokenLinks;
import io.ringfence.ingress.CountryCodes;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.rules.Rule;
import io.ringfence.rules.RuleAction;
import io.ringfence.rules.RuleInput;
import io.ringfence.rules.RuleList;
import io.ringfence.rules.RuleSet;
import io.ringfence.rules.RulesCompiler;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.ServingModels;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The business logic: every piece of mutable state the engine has (card, merchant and terminal history, token
 * links, flags) and the one method that applies an event to it. Single-threaded by design: the pipeline calls
 * {@link #apply} from one thread, in ring order.
 *
 * <p>{@link #apply} takes time only from the event, uses no randomness, allocates nothing, takes no lock and
 * does no I/O for authorizations, fraud reports, flag clears and token links; so the same events in the same
 * order always leave the same state and decisions. Queries (digest, dump) are the exception: they allocate
 * their answer.
 *
 * <p>A {@link EventType#LOAD_MODEL} event switches the scorer at its sequence: live, to the model the caller
 * already read and checked ({@link EngineEvent#scorer}); on replay, to the model {@link #modelResolver} reloads from
 * the journaled path and SHA-256 (file I/O on this thread, once per switch).
 *
 * <p>Snapshots ({@link #writeSnapshot}, {@link #readSnapshot}) are administrative operations on the same thread,
 * between events: they do I/O and allocate a little, and the stores must not change while they run.
 */
public final class RiskEngine {
    private static final System.Logger LOG = System.getLogger("io.ringfence.engine");
    private static final long DIGEST_SEED = 0x52696e6766656e63L;
    private static final int MAX_SNAPSHOT_LIST_ITEMS = 1 << 26;
    /** The share of a score's upward push under which a contribution is not named as a reason. */
    private static final double REASON_MIN_SHARE = 0.1;

    private final CardHistory cards;
    private final EntityHistory merchants;
    private final EntityHistory terminals;
    private final IdentifierHistory identifiers;
    private final TokenLinks tokens;
    private final FlagStore flags;
    private final RecentRequests recentRequests;
    private boolean flagStoreAlerted;
    private boolean flagStoreNearlyFullSaid;
    private long flagsRefused;
    private final FeatureExtractor extractor = new FeatureExtractor();
    private final FeatureVector features = new FeatureVector();
    private final double[] contributions = new double[FeatureSchema.SIZE];
    /** The active scorer: read and switched only on the business-logic thread. */
    private Scorer scorer;
    /** The active scorer's version, for readers on other threads (stats). */
    private volatile String activeScorerVersion;
    private ModelResolver modelResolver = ServingModels::reload;
    /** The scorer the engine was built with: what it returns to when its state is cleared. */
    private final Scorer initialScorer;
    /** The serving file the active model was switched to from, or null for the scorer the engine was built with. */
    private String activeModelPath;
    private final byte[] activeModelSha256 = new byte[32];
    private final DecisionPolicy policy;
    private final EngineCounters counters;
    /** The analysts' rules in force: written only on the business-logic thread, read for stats from any thread. */
    private volatile RuleSet rules = RuleSet.NONE;
    private final RuleInput ruleInput = new RuleInput();
    /** Recompiles a journaled or snapshotted rules switch; null in an engine that cannot (no key to hash with). */
    private RulesCompiler rulesCompiler;

    private final CardRecord card = new CardRecord();
    private final EntityRecord merchant = new EntityRecord();
    private final EntityRecord terminal = new EntityRecord();
    private final EntityRecord otherTerminal = new EntityRecord();

    /** Finds the model a journaled LOAD_MODEL event names, for replay. */
    @FunctionalInterface
    public interface ModelResolver {
        /**
         * @return the scorer for model {@code version}, whose serving file was at {@code path} with SHA-256
         *     {@code sha256} when it was journaled
         * @throws IllegalStateException when that exact model cannot be had
         */
        Scorer resolve(String version, String path, byte[] sha256);
    }

    /** A store's name, record length and capacity: a snapshot loads only into stores of the same shapes. */
    public record StoreShape(String name, int recordLength, int capacity) {
    }

    public RiskEngine(final StoreCapacities capacities, final Scorer scorer, final DecisionPolicy policy,
        final EngineCounters counters) {
        if (!FeatureSchema.ID.equals(scorer.featureSchemaId())) {
            throw new IllegalArgumentException("scorer " + scorer.version() + " reads features "
                + scorer.featureSchemaId() + " but the engine computes " + FeatureSchema.ID);
        }
        this.cards = new CardHistory(capacities.cards());
        this.merchants = new EntityHistory(capacities.merchants());
        this.terminals = new EntityHistory(capacities.terminals());
        this.identifiers = new IdentifierHistory(capacities.identifiers());
        this.flags = new FlagStore(capacities.flags());
        this.recentRequests = new RecentRequests(capacities.requests());
        this.tokens = new TokenLinks(capacities.tokens(), flags);
        this.scorer = scorer;
        this.initialScorer = scorer;
        this.activeScorerVersion = scorer.version();
        this.policy = policy;
        this.counters = counters;
    }

    /**
     * Applies one event and writes its outcome into the event: the one way every event reaches the state, live,
     * on recovery and in every offline replay. An event whose processing throws is answered the same way wherever
     * it is applied (an authorization declines 96, system malfunction; a control event is not applied), counted, and
     * recorded once in the distinct-error log; the engine carries on with the next event. Processing is deterministic,
     * so an event that failed live fails again on replay and gets the same answer: a restart always succeeds.
     */
    public void apply(final EngineEvent event, final long sequence) {
        try {
            process(event, sequence);
        } catch (final RuntimeException e) {
            counters.get(EngineCounter.INTERNAL_ERRORS).increment();
            counters.errors().record(e);
            event.clearOutcome();
            event.sequence = sequence;
            if (event.type == EventType.AUTHORIZE) {
                decide(event, Action.DECLINE, ResponseCode.SYSTEM_MALFUNCTION, 0);
            }
        }
    }

    private void process(final EngineEvent event, final long sequence) {
        event.clearOutcome();
        event.sequence = sequence;
        switch (event.type) {
            case AUTHORIZE -> authorize(event);
            case REPORT_FRAUD -> reportFraud(event);
            case CLEAR_FLAG -> clearFlag(event);
            case LINK_TOKEN -> linkToken(event);
            case QUERY -> answer(event);
            case LOAD_MODEL -> loadModel(event);
            case LOAD_RULES -> loadRules(event);
            case LIST_ADD, LIST_REMOVE -> changeList(event);
            case REVERSE -> reverse(event);
            default -> throw new IllegalStateException("unknown event type " + event.type);
        }
    }

    /** The features of the last authorization processed; for replay-mode training and tests. */
    public FeatureVector lastFeatures() {
        return features;
    }

    /** A digest of all state: equal digests mean equal card, merchant, terminal, identifier, token and flag state. */
    public long stateDigest() {
        long h = cards.digest(DIGEST_SEED);
        h = merchants.digest(h);
        h = terminals.digest(h);
        h = identifiers.digest(h);
        h = tokens.digest(h);
        h = recentRequests.digest(h);
        return rulesDigest(flags.digest(h));
    }

    /** The rules in force (their file's hash) and every list's items; nothing when no rules are in force. */
    private long rulesDigest(final long seed) {
        final RuleSet active = rules;
        if (active.isEmpty() && active.lists().isEmpty()) {
            return seed;
        }
        long h = seed;
        for (final byte b : active.sha256()) {
            h = mix(h, b);
        }
        for (final RuleList list : active.lists().values()) {
            h = mix(h, StableHash.of(list.name()));
            for (final long key : list.sortedKeys()) {
                h = mix(h, key);
            }
        }
        return h;
    }

    /**
     * The flags, for threads other than the business logic's: {@link FlagStore#reasonOf} is safe from any thread
     * (stand-in decisions read it); nothing else of the store is.
     */
    public FlagStore flags() {
        return flags;
    }

    /**
     * The record stores in snapshot order: cards, merchants, terminals, identifiers, tokens, requests (the flags follow
     * them).
     */
    public List<StoreShape> storeShapes() {
        return List.of(new StoreShape("cards", cards.recordLength(), cards.capacity()),
            new StoreShape("merchants", merchants.recordLength(), merchants.capacity()),
            new StoreShape("terminals", terminals.recordLength(), terminals.capacity()),
            new StoreShape("identifiers", identifiers.recordLength(), identifiers.capacity()),
            new StoreShape("tokens", tokens.recordLength(), tokens.capacity()),
            new StoreShape("requests", recentRequests.recordLength(), recentRequests.capacity()));
    }

    /**
     * Writes the exact state of the stores, in {@link #storeShapes()} order, then the flags, model and rules. Call only between events on the
     * business-logic thread.
     */
    public void writeSnapshot(final WritableByteChannel out) throws IOException {
        cards.writeTo(out);
        merchants.writeTo(out);
        terminals.writeTo(out);
        identifiers.writeTo(out);
        tokens.writeTo(out);
        recentRequests.writeTo(out);
        flags.writeTo(Channels.newOutputStream(out));
        writeActiveModel(out);
        writeActiveRules(out);
    }

    /**
     * The rules in force and their lists, whose items list events may have changed since the file was compiled:
     * present byte, then the file's path (int length and UTF-8) and SHA-256, the number of lists, and per list its
     * name (likewise), its number of items and their keys (longs, sorted).
     */
    private void writeActiveRules(final WritableByteChannel out) throws IOException {
        final RuleSet active = rules;
        if (active.path() == null) {
            write(out, ByteBuffer.allocate(1).put((byte)0).flip());
            return;
        }
        final byte[] path = active.path().getBytes(StandardCharsets.UTF_8);
        write(out, ByteBuffer.allocate(1 + 4 + path.length + 32 + 4).put((byte)1).putInt(path.length).put(path)
            .put(active.sha256()).putInt(active.lists().size()).flip());
        for (final RuleList list : active.lists().values()) {
            final byte[] name = list.name().getBytes(StandardCharsets.UTF_8);
            final long[] keys = list.sortedKeys();
            final ByteBuffer section = ByteBuffer.allocate(4 + name.length + 4 + keys.length * Long.BYTES)
                .putInt(name.length).put(name).putInt(keys.length);
            section.asLongBuffer().put(keys);
            write(out, section.position(section.limit()).flip());
        }
    }

    private static void write(final WritableByteChannel out, final ByteBuffer section) throws IOException {
        while (section.hasRemaining()) {
            out.write(section);
        }
    }

    private void readActiveRules(final ReadableByteChannel in) throws IOException {
        if (readFully(in, 1).get() == 0) {
            useRules(RuleSet.NONE);
            return;
        }
        final String path = new String(readFully(in, readFully(in, 4).getInt()).array(), StandardCharsets.UTF_8);
        final byte[] sha256 = readFully(in, 32).array();
        final RuleSet restored = recompile(path, sha256);
        final int lists = readFully(in, 4).getInt();
        for (int i = 0; i < lists; i++) {
            final String name = new String(readFully(in, readFully(in, 4).getInt()).array(), StandardCharsets.UTF_8);
            final int count = readFully(in, 4).getInt();
            if (count < 0 || count > MAX_SNAPSHOT_LIST_ITEMS) {
                throw new IOException("snapshot rules section has a list of " + count + " items");
            }
            final ByteBuffer items = ByteBuffer.allocate(count * Long.BYTES);
            while (items.hasRemaining()) {
                if (in.read(items) < 0) {
                    throw new EOFException("snapshot ends inside its rules section");
                }
            }
            final long[] keys = new long[count];
            items.flip().asLongBuffer().get(keys);
            final RuleList list = restored.list(name);
            if (list == null) {
                throw new IllegalStateException("snapshot's rules " + path + " have no list @" + name);
            }
            list.replaceWith(keys);
        }
        useRules(restored);
    }

    /**
     * The active model is state too: without it a restart from a snapshot taken after a model switch would score
     * with the model the engine was built with. Written as: present byte, then version, path (each an int length and
     * UTF-8) and the serving file's SHA-256.
     */
    private void writeActiveModel(final WritableByteChannel out) throws IOException {
        final byte[] version = activeModelPath == null ? new byte[0] : scorer.version().getBytes(StandardCharsets.UTF_8);
        final byte[] path = activeModelPath == null ? new byte[0] : activeModelPath.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer section = ByteBuffer.allocate(1 + 4 + version.length + 4 + path.length + activeModelSha256.length);
        section.put((byte)(activeModelPath == null ? 0 : 1)).putInt(version.length).put(version).putInt(path.length)
            .put(path).put(activeModelSha256).flip();
        while (section.hasRemaining()) {
            out.write(section);
        }
    }

    private void readActiveModel(final ReadableByteChannel in) throws IOException {
        final boolean present = readFully(in, 1).get() == 1;
        final String version = new String(readFully(in, readFully(in, 4).getInt()).array(), StandardCharsets.UTF_8);
        final String path = new String(readFully(in, readFully(in, 4).getInt()).array(), StandardCharsets.UTF_8);
        final byte[] sha256 = readFully(in, activeModelSha256.length).array();
        if (present) {
            final Scorer model = modelResolver.resolve(version, path, sha256);
            if (!FeatureSchema.ID.equals(model.featureSchemaId()) || !version.equals(model.version())) {
                throw new IllegalStateException("snapshot's model " + version + " at " + path + " does not match");
            }
            switchScorer(model, path, sha256);
        } else {
            switchScorer(initialScorer, null, new byte[activeModelSha256.length]);
        }
    }

    private static ByteBuffer readFully(final ReadableByteChannel in, final int length) throws IOException {
        if (length < 0 || length > 1 << 16) {
            throw new IOException("snapshot model section has a field of " + length + " bytes");
        }
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new EOFException("snapshot ends inside its model section");
            }
        }
        return buffer.flip();
    }

    /**
     * Replaces the state of the stores with what {@link #writeSnapshot} wrote, from an engine with the same
     * {@link #storeShapes()}. On any failure the stores are left half loaded: {@link #clearState()} before using the
     * engine again.
     */
    public void readSnapshot(final ReadableByteChannel in) throws IOException {
        cards.readFrom(in);
        merchants.readFrom(in);
        terminals.readFrom(in);
        identifiers.readFrom(in);
        tokens.readFrom(in);
        recentRequests.readFrom(in);
        flags.readFrom(Channels.newInputStream(in));
        readActiveModel(in);
        readActiveRules(in);
        publishCardStoreCounters();
        publishFlagStoreCounters();
    }

    /** Empties every store, leaving the engine as if just built (for a full replay after a failed load). */
    public void clearState() {
        switchScorer(initialScorer, null, new byte[activeModelSha256.length]);
        useRules(RuleSet.NONE);
        cards.clear();
        merchants.clear();
        terminals.clear();
        identifiers.clear();
        tokens.clear();
        recentRequests.clear();
        flags.clearAll();
        publishCardStoreCounters();
    }

    /** The active scorer's version; safe to call from any thread. */
    public String scorerVersion() {
        return activeScorerVersion;
    }

    /** The active scorer; business-logic thread only. */
    public Scorer scorer() {
        return scorer;
    }

    /**
     * Replaces how replayed LOAD_MODEL events find their model (by default {@link ServingModels#reload}: the
     * journaled path, checked against the journaled SHA-256). Call before replaying.
     */
    public void modelResolver(final ModelResolver resolver) {
        this.modelResolver = resolver;
    }

    private void loadModel(final EngineEvent event) {
        final Scorer next = event.scorer != null ? event.scorer
            : modelResolver.resolve(event.modelVersion, event.modelPath, event.modelSha256);
        if (!FeatureSchema.ID.equals(next.featureSchemaId())) {
            throw new IllegalStateException("model " + next.version() + " reads features " + next.featureSchemaId()
                + " but the engine computes " + FeatureSchema.ID);
        }
        if (event.modelVersion != null && !event.modelVersion.equals(next.version())) {
            throw new IllegalStateException("model switch names version " + event.modelVersion + " but the model is "
                + next.version());
        }
        switchScorer(next, event.modelPath, event.modelSha256);
        event.scorerVersion = next.version();
        event.applied = true;
    }

    private void switchScorer(final Scorer next, final String modelPath, final byte[] modelSha256) {
        scorer = next;
        activeScorerVersion = next.version();
        activeModelPath = modelPath;
        System.arraycopy(modelSha256, 0, activeModelSha256, 0, activeModelSha256.length);
    }

    public CardHistory cards() {
        return cards;
    }

    private void authorize(final EngineEvent event) {
        if (event.rejection != null) {
            counters.rejections(event.rejection).incrementRelease();
            event.resolvedFingerprintHigh = event.fingerprintHigh;
            event.resolvedFingerprintLow = event.fingerprintLow;
            decide(event, Action.DECLINE, event.rejection.responseCode(), 0);
            event.reason0 = event.rejection.reason();
            return;
        }
        counters.get(event.channel == Channel.CP ? EngineCounter.AUTHORIZATIONS_CP : EngineCounter.AUTHORIZATIONS_CNP)
            .incrementRelease();
        final long requestIdHash = requestIdHash(event);
        final long contentHash = requestIdHash == 0L ? 0L : contentHash(event);
        if (requestIdHash != 0L && recentRequests.find(event.merchantKey, requestIdHash, event.eventTimeMillis,
            policy.idempotencyWindowMillis())) {
            answerRetry(event, contentHash);
            return;
        }
        tokens.resolve(event.fingerprintHigh, event.fingerprintLow);
        final long high = tokens.resolvedHigh();
        final long low = tokens.resolvedLow();
        event.resolvedFingerprintHigh = high;
        event.resolvedFingerprintLow = low;

        final long eventSecond = toSeconds(event.eventTimeMillis);
        final boolean newCard = !cards.find(high, low, card);
        if (newCard) {
            cards.create(high, low, eventSecond, event.bin, event.lastFour, card);
            publishCardStoreCounters();
        }
        final long now = Math.max(eventSecond, card.lastSeen());
        restoreFlag(event, now);
        final boolean authenticated = event.entryMode.isStrongCustomerAuthentication();
        if (authenticated && card.isFlagged() && card.flagReason().raisedByModel()) {
            liftFlag(high, low);
            counters.get(EngineCounter.FLAGS_CLEARED_BY_AUTHENTICATION).incrementRelease();
        }
        merchants.findOrCreate(event.merchantKey, now, merchant);
        final boolean hasTerminal = event.terminalKey != EngineEvent.NO_KEY;
        if (hasTerminal) {
            terminals.findOrCreate(event.terminalKey, now, terminal);
        }
        final long lastTerminal = card.lastCardPresentTerminal();
        final boolean lastTerminalKnown = lastTerminal != EngineEvent.NO_KEY && terminals.peek(lastTerminal, otherTerminal);

        features.clear();
        extractor.extract(event, card, newCard, merchant, hasTerminal ? terminal : null,
            lastTerminalKnown ? otherTerminal : null, now, features);
        extractor.extractIdentities(event, identifiers, now, features);
        final double amountMajor = FeatureExtractor.amountMajor(event);
        final boolean cardNotPresent = event.channel == Channel.CNP;
        final boolean smallAttempt = cardNotPresent && amountMajor <= DecisionPolicy.SMALL_ATTEMPT_MAJOR;

        if (card.isFlagged()) {
            decide(event, Action.DECLINE, ResponseCode.SUSPECTED_FRAUD, 1000);
            event.reason0 = cardNotPresent ? ReasonCode.CARD_FLAGGED : ReasonCode.CARD_FLAGGED_ONLINE;
            if (!cardNotPresent) {
                counters.get(EngineCounter.CROSS_CHANNEL_BLOCKS).incrementRelease();
            }
        } else {
            Arrays.fill(contributions, 0.0);
            final int score = scorer.score(features, contributions);
            if (cardNotPresent && DecisionPolicy.isCardTesting(smallAttempt,
                card.smallCardNotPresentAttemptsLastHour(now), card.cardNotPresentDeclinesLastHour(now))) {
                decide(event, Action.DECLINE, ResponseCode.SUSPECTED_FRAUD, Math.max(score, policy.thresholds().decline()));
                event.reason0 = ReasonCode.CARD_TESTING;
                selectReasons(event, 1);
                raiseFlag(event, FlagReason.CARD_TESTING, now);
            } else {
                final boolean elsewhere = cardNotPresent && !authenticated && DecisionPolicy.isCardElsewhere(
                    event.ipCountry, event.cardCountry, card.lastCardPresentCountry(), isNewDevice(event));
                final Action scoreAction = policy.actionFor(score, event.channel);
                final Action scored = policy.corroboratedAction(scoreAction, elsewhere);
                final boolean flags = cardNotPresent
                    && DecisionPolicy.flagsOnScore(scored, score, elsewhere, authenticated);
                final Rule rule = decidingRule(event, score, scored);
                if (rule != null) {
                    decideByRule(event, rule, score);
                    if (flags && rule.action() == RuleAction.BLOCK) {
                        raiseFlag(event, FlagReason.CNP_FRAUD_DECLINE, now);
                    }
                } else {
                    decide(event, scored, DecisionPolicy.responseCodeFor(scored), score);
                    if (scored != scoreAction) {
                        event.reason0 = ReasonCode.CARD_ELSEWHERE;
                        selectReasons(event, 1);
                    } else {
                        selectReasons(event, 0);
                    }
                    if (flags) {
                        raiseFlag(event, FlagReason.CNP_FRAUD_DECLINE, now);
                    }
                }
            }
        }

        final long cardKey = high ^ low;
        final long roundedAmount = Math.round(amountMajor);
        card.recordAuthorization(now, event.channel, roundedAmount, smallAttempt, event.action == Action.DECLINE,
            event.entryMode.readsChip(), event.merchantKey, event.deviceKey);
        if (cardNotPresent) {
            identifiers.record(IdentifierHistory.Kind.DEVICE, event.deviceKey, cardKey, now);
            identifiers.record(IdentifierHistory.Kind.IP, event.ipKey, cardKey, now);
            identifiers.record(IdentifierHistory.Kind.EMAIL, event.emailKey, cardKey, now);
        } else {
            card.recordCardPresentLocation(now, event.terminalKey, event.merchantCountry);
        }
        merchant.recordTransaction(now, roundedAmount, cardKey);
        if (hasTerminal) {
            terminal.recordTransaction(now, roundedAmount, cardKey);
        }
        if (requestIdHash != 0L) {
            recentRequests.record(event.merchantKey, requestIdHash, contentHash, event.eventTimeMillis, event.action,
                event.responseCode, event.score, event.reason0, event.reason1, event.reason2);
            recentRequests.recordContribution(high, low, hasTerminal ? event.terminalKey : EngineEvent.NO_KEY, now,
                roundedAmount, event.channel);
        }
    }

    /**
     * A reversal: the authorization it names (same merchant and request id, within the idempotency window) leaves
     * the velocity windows of its card, merchant and terminal that still hold it. Applied once; reversing something
     * unknown, forgotten or already reversed changes nothing. Flags stay: a reversed fraud attempt was still one.
     */
    private void reverse(final EngineEvent event) {
        final long requestIdHash = requestIdHash(event);
        if (requestIdHash == 0L || !recentRequests.find(event.merchantKey, requestIdHash, event.eventTimeMillis,
            policy.idempotencyWindowMillis()) || recentRequests.reversed() || recentRequests.channel() == null) {
            return;
        }
        recentRequests.markReversed();
        final long at = recentRequests.recordedAtSeconds();
        final long amount = recentRequests.amountMajor();
        final long high = recentRequests.cardHigh();
        final long low = recentRequests.cardLow();
        event.resolvedFingerprintHigh = high;
        event.resolvedFingerprintLow = low;
        if (cards.find(high, low, card)) {
            card.reverseAuthorization(at, recentRequests.channel(), amount);
        }
        if (merchants.peek(event.merchantKey, merchant)) {
            merchant.reverseTransaction(at, amount);
        }
        final long terminalKey = recentRequests.terminalKey();
        if (terminalKey != EngineEvent.NO_KEY && terminals.peek(terminalKey, terminal)) {
            terminal.reverseTransaction(at, amount);
        }
        counters.get(EngineCounter.REVERSALS).incrementRelease();
        event.applied = true;
    }

    /** The rule in force that decides this authorization, after its score; shadow rules are counted on the way. */
    private Rule decidingRule(final EngineEvent event, final int score, final Action scored) {
        final RuleSet active = rules;
        if (active.isEmpty()) {
            return null;
        }
        ruleInput.load(event, features, score);
        return active.decide(ruleInput, scored);
    }

    /**
     * A rule's decision keeps the score and names the rule. Its decline flags the card only when the score declined
     * too: a flag refuses the cardholder everywhere, and an analyst's rule is not evidence of fraud on this card.
     */
    private void decideByRule(final EngineEvent event, final Rule rule, final int score) {
        final Action action = DecisionPolicy.actionFor(rule.action());
        decide(event, action, DecisionPolicy.responseCodeFor(action), score);
        event.ruleName = rule.name();
        event.reason0 = ReasonCode.RULE;
        selectReasons(event, 1);
    }

    /**
     * Puts {@code next} in force for the events after this one, on the business-logic thread; its hit counters start
     * at zero.
     */
    public void useRules(final RuleSet next) {
        rules = next;
    }

    /**
     * Sets how journaled and snapshotted rules switches are recompiled: with the engine's keyed hash, so identifiers
     * in the file hash as live. Call before replaying.
     */
    public void rulesCompiler(final RulesCompiler compiler) {
        this.rulesCompiler = compiler;
    }

    /**
     * Live, the rules the caller compiled; on replay, the journaled file recompiled and checked against its SHA-256.
     * Live list changes belong to the rules they were made to: a new file starts from its own items.
     */
    private void loadRules(final EngineEvent event) {
        final RuleSet next = event.compiledRules instanceof RuleSet compiled ? compiled
            : recompile(event.rulesPath, event.rulesSha256);
        useRules(next);
        event.applied = true;
    }

    private RuleSet recompile(final String path, final byte[] sha256) {
        if (rulesCompiler == null) {
            throw new IllegalStateException("rules " + path + " cannot be recompiled: no rules compiler was given");
        }
        return rulesCompiler.reload(Path.of(path), sha256);
    }

    /** Adds or removes an item of a list of the rules in force; not applied when there is no such list. */
    private void changeList(final EngineEvent event) {
        final RuleList list = rules.list(event.listName);
        if (list != null) {
            event.applied = event.type == EventType.LIST_ADD ? list.add(event.listKey) : list.remove(event.listKey);
        }
    }

    /** The rules in force; business-logic thread only, or a reader content with a recent set. */
    public RuleSet rules() {
        return rules;
    }

    /** Hits of the rules in force by counter label ({@link RuleSet#hitCounters()}); safe from any thread. */
    public Map<String, Long> ruleHitCounters() {
        return rules.hitCounters();
    }

    /**
     * A retry: the same merchant and request id within the window. Same content: the first answer again, and no
     * state changes (no velocity, no history, no flag). Other content: 94, duplicate transmission, and no state
     * changes either.
     */
    private void answerRetry(final EngineEvent event, final long contentHash) {
        event.resolvedFingerprintHigh = event.fingerprintHigh;
        event.resolvedFingerprintLow = event.fingerprintLow;
        if (recentRequests.contentHash() == contentHash) {
            counters.get(EngineCounter.RETRIES_ANSWERED).incrementRelease();
            decide(event, recentRequests.action(), recentRequests.responseCode(), recentRequests.score());
            event.reason0 = recentRequests.reason(0);
            event.reason1 = recentRequests.reason(1);
            event.reason2 = recentRequests.reason(2);
        } else {
            counters.get(EngineCounter.RETRIES_REFUSED).incrementRelease();
            decide(event, Action.DECLINE, ResponseCode.DUPLICATE_TRANSMISSION, 0);
            event.reason0 = ReasonCode.DUPLICATE_TRANSMISSION;
        }
    }

    /** The request id's hash, or 0 when there is none to recognise a retry by (no id, or no merchant). */
    private static long requestIdHash(final EngineEvent event) {
        if (event.merchantKey == EngineEvent.NO_KEY || !(event.requestId instanceof CharSequence id)) {
            return 0L;
        }
        return StableHash.of(id);
    }

    /** What makes two requests with one id the same request: everything but its time. */
    private static long contentHash(final EngineEvent event) {
        long h = event.fingerprintHigh;
        h = mix(h, event.fingerprintLow);
        h = mix(h, event.amountMinor);
        h = mix(h, event.currencyNumeric);
        h = mix(h, event.channel == null ? -1 : event.channel.ordinal());
        h = mix(h, event.entryMode == null ? -1 : event.entryMode.ordinal());
        h = mix(h, event.terminalKey);
        h = mix(h, event.mcc);
        h = mix(h, event.merchantCountry);
        h = mix(h, event.cardCountry);
        h = mix(h, event.ipCountry);
        h = mix(h, event.billingCountry);
        h = mix(h, event.ipKey);
        h = mix(h, event.deviceKey);
        return mix(h, event.emailKey);
    }

    private static long mix(final long h, final long value) {
        return (h ^ value) * 0x100000001b3L + 0x9E3779B97F4A7C15L;
    }

    private void reportFraud(final EngineEvent event) {
        counters.get(EngineCounter.FRAUD_REPORTS).incrementRelease();
        tokens.resolve(event.fingerprintHigh, event.fingerprintLow);
        final long high = tokens.resolvedHigh();
        final long low = tokens.resolvedLow();
        event.resolvedFingerprintHigh = high;
        event.resolvedFingerprintLow = low;
        final long now = toSeconds(event.eventTimeMillis);
        if (!cards.find(high, low, card)) {
            cards.create(high, low, now, event.bin, event.lastFour, card);
            publishCardStoreCounters();
        }
        restoreFlag(event, now);
        final boolean alreadyReported = card.isFlagged() && card.flagReason() == FlagReason.FRAUD_REPORT;
        if (!card.isFlagged()) {
            raiseFlag(event, FlagReason.FRAUD_REPORT, now);
        }
        // Point of compromise: the terminal where the card was last used in store, unless that is where the fraud
        // itself happened (a counterfeit swipe says nothing of where the card was copied). It counts once per
        // compromised card, not once for every payment the claim lists, so one busy victim cannot mark their
        // everyday shop as compromised; the fraud's own terminal is where fraudsters spend, not a compromise.
        final long lastTerminal = card.lastCardPresentTerminal();
        if (lastTerminal != EngineEvent.NO_KEY && lastTerminal != event.terminalKey && !alreadyReported) {
            terminals.findOrCreate(lastTerminal, now, otherTerminal).recordFraudReport(now, 0);
        }
        if (event.terminalKey != EngineEvent.NO_KEY) {
            terminals.findOrCreate(event.terminalKey, now, terminal).recordFraudHere(now);
        }
        if (event.merchantKey != EngineEvent.NO_KEY) {
            merchants.findOrCreate(event.merchantKey, now, merchant).recordFraudReport(now, 0);
            merchant.recordFraudHere(now);
        }
        event.applied = true;
    }

    private void clearFlag(final EngineEvent event) {
        tokens.resolve(event.fingerprintHigh, event.fingerprintLow);
        event.resolvedFingerprintHigh = tokens.resolvedHigh();
        event.resolvedFingerprintLow = tokens.resolvedLow();
        boolean cleared = flags.clear(event.resolvedFingerprintHigh, event.resolvedFingerprintLow);
        if (cards.find(event.resolvedFingerprintHigh, event.resolvedFingerprintLow, card) && card.isFlagged()) {
            card.clearFlag();
            cleared = true;
        }
        if (cleared) {
            counters.get(EngineCounter.FLAGS_CLEARED).incrementRelease();
            publishFlagStoreCounters();
            event.applied = true;
        }
    }

    /** Lifts the flag of the card {@link #card} points at, in its record and in the flag store. */
    private void liftFlag(final long high, final long low) {
        flags.clear(high, low);
        card.clearFlag();
        counters.get(EngineCounter.FLAGS_CLEARED).incrementRelease();
        publishFlagStoreCounters();
    }

    /** A card-not-present payment from a device the request names and the card was never used with. */
    private boolean isNewDevice(final EngineEvent event) {
        return event.deviceKey != EngineEvent.NO_KEY && !DistinctSketch.mightContain(card.deviceSketch(), event.deviceKey);
    }

    private void linkToken(final EngineEvent event) {
        tokens.link(event.fingerprintHigh, event.fingerprintLow, event.linkedFingerprintHigh, event.linkedFingerprintLow);
        counters.get(EngineCounter.TOKEN_LINKS).incrementRelease();
        publishFlagsRefused();
        if (flags.reasonOf(event.linkedFingerprintHigh, event.linkedFingerprintLow) != FlagReason.NOT_FLAGGED) {
            pin(event.fingerprintHigh, event.fingerprintLow, event.linkedFingerprintHigh, event.linkedFingerprintLow);
        }
        event.resolvedFingerprintHigh = event.linkedFingerprintHigh;
        event.resolvedFingerprintLow = event.linkedFingerprintLow;
        event.applied = true;
    }

    private void answer(final EngineEvent event) {
        event.queryResult = switch (event.queryKind) {
            case STATE_DIGEST -> stateDigest();
            case STATE_DUMP -> dumpState();
            case CARD_COUNT -> cards.size();
        };
        event.applied = true;
    }

    /** After a card is created: creating one in a full store evicts another, whichever event created it. */
    private void publishCardStoreCounters() {
        counters.get(EngineCounter.CARDS_HELD).setRelease(cards.size());
        counters.get(EngineCounter.CARD_EVICTIONS).setRelease(cards.evictions());
        counters.get(EngineCounter.FLAGGED_CARD_EVICTIONS).setRelease(cards.flaggedEvictions());
    }

    private void raiseFlag(final EngineEvent event, final FlagReason reason, final long now) {
        card.flag(reason, now);
        event.flagRaised = reason;
        counters.flagsRaised(reason).incrementRelease();
        if (!flags.flag(event.resolvedFingerprintHigh, event.resolvedFingerprintLow, reason, now)) {
            refuseFlag();
        }
        pin(event.fingerprintHigh, event.fingerprintLow, event.resolvedFingerprintHigh, event.resolvedFingerprintLow);
        final int unpinned = tokens.pinTokensOf(event.resolvedFingerprintHigh, event.resolvedFingerprintLow);
        for (int i = 0; i < unpinned; i++) {
            refuseFlag();
        }
        publishFlagStoreCounters();
    }

    /**
     * The flag store is the truth about flags: a card record created anew for a card it holds (the old record was
     * evicted, or the card came back through a token whose link moved to the flag store) gets its flag back.
     */
    private void restoreFlag(final EngineEvent event, final long now) {
        if (card.isFlagged()) {
            return;
        }
        FlagReason stored = flags.reasonOf(event.resolvedFingerprintHigh, event.resolvedFingerprintLow);
        if (stored == FlagReason.NOT_FLAGGED && (event.fingerprintHigh != event.resolvedFingerprintHigh
            || event.fingerprintLow != event.resolvedFingerprintLow)) {
            stored = flags.reasonOf(event.fingerprintHigh, event.fingerprintLow);
        }
        if (stored != FlagReason.NOT_FLAGGED) {
            final long flaggedAt = flags.flagTime(event.resolvedFingerprintHigh, event.resolvedFingerprintLow);
            card.flag(stored, flaggedAt >= 0 ? flaggedAt : now);
        }
    }

    /** Keeps a token's link to a flagged card in the flag store; nothing to do for a card used directly. */
    private void pin(final long tokenHigh, final long tokenLow, final long cardHigh, final long cardLow) {
        if ((tokenHigh != cardHigh || tokenLow != cardLow) && !flags.pinLink(tokenHigh, tokenLow, cardHigh, cardLow)) {
            refuseFlag();
        }
    }

    /** A flag or link the full flag store could not keep: counted, and said once, never dropped silently. */
    private void refuseFlag() {
        flagsRefused++;
        publishFlagsRefused();
        if (!flagStoreAlerted) {
            flagStoreAlerted = true;
            LOG.log(System.Logger.Level.ERROR, "Flag store full (" + flags.capacity() + " entries): a new flag is"
                + " kept only in its card's record, which churn may evict; raise EngineConfig flagCapacity");
        }
    }

    /** Refusals here and token links the token store's evictions could not pin. */
    private void publishFlagsRefused() {
        counters.get(EngineCounter.FLAGS_REFUSED).setRelease(flagsRefused + tokens.pinsRefused());
    }

    private void publishFlagStoreCounters() {
        counters.get(EngineCounter.FLAGS_HELD).setRelease(flags.size());
        if (flags.nearlyFull() && !flagStoreNearlyFullSaid) {
            flagStoreNearlyFullSaid = true;
            LOG.log(System.Logger.Level.WARNING, "Flag store 80% full: " + flags.size() + " of " + flags.capacity()
                + " entries; raise EngineConfig flagCapacity before it fills");
        }
    }

    private void decide(final EngineEvent event, final Action action, final ResponseCode code, final int score) {
        event.action = action;
        event.responseCode = code;
        event.score = score;
        event.scorerVersion = scorer.version();
        counters.decisions(action).incrementRelease();
        counters.decisions(code).incrementRelease();
    }

    /**
     * Fills the reason slots from {@code first} on with the strongest distinct reasons among the contributions, for a
     * decision the score made stricter than an approval: a reason says what pushed the score up, so an approval has
     * none, and neither does a contribution under {@link #REASON_MIN_SHARE} of the score's upward push, which did not
     * matter to the decision.
     */
    private void selectReasons(final EngineEvent event, final int first) {
        if (event.action == Action.APPROVE) {
            return;
        }
        double upward = 0.0;
        for (final double points : contributions) {
            upward += Math.max(0.0, points);
        }
        final double mattered = upward * REASON_MIN_SHARE;
        for (int slot = first; slot < 3; slot++) {
            ReasonCode best = null;
            double bestPoints = mattered;
            for (int i = 0; i < contributions.length; i++) {
                final ReasonCode reason = FeatureSchema.feature(i).reason();
                if (contributions[i] > bestPoints && reason != null && !alreadyGiven(event, reason)) {
                    best = reason;
                    bestPoints = contributions[i];
                }
            }
            if (best == null) {
                return;
            }
            switch (slot) {
                case 0 -> event.reason0 = best;
                case 1 -> event.reason1 = best;
                default -> event.reason2 = best;
            }
        }
    }

    private static boolean alreadyGiven(final EngineEvent event, final ReasonCode reason) {
        return event.reason0 == reason || event.reason1 == reason || event.reason2 == reason;
    }

    private String dumpState() {
        final StringBuilder out = new StringBuilder(64 + cards.size() * 160);
        out.append("cards=").append(cards.size()).append('/').append(cards.capacity())
            .append(" evicted=").append(cards.evictions())
            .append(" merchants=").append(merchants.size())
            .append(" terminals=").append(terminals.size())
            .append(" tokens=").append(tokens.size())
            .append(String.format(" digest=%016x%n", stateDigest()));
        final CardRecord record = new CardRecord();
        for (int i = 0; i < cards.size(); i++) {
            cards.wrapAt(i, record);
            final long last = record.lastSeen();
            out.append(String.format("card %016x%016x bin=%06d last4=%04d first=%d last=%d flag=%s cp24h=%d cnp24h=%d"
                    + " cp30d=%d cnp30d=%d declines=%d lastCpCountry=%s%n",
                record.fingerprintHigh(), record.fingerprintLow(), record.bin(), record.lastFour(), record.firstSeen(),
                last, record.flagReason(), record.count(Tier.DAY, Channel.CP, last),
                record.count(Tier.DAY, Channel.CNP, last), record.count(Tier.MONTH, Channel.CP, last),
                record.count(Tier.MONTH, Channel.CNP, last), record.declines(),
                CountryCodes.unpack(record.lastCardPresentCountry())));
        }
        return out.toString();
    }

    static long toSeconds(final long epochMillis) {
        return Math.max(0L, Math.min(0xFFFF_FFFFL, Math.floorDiv(epochMillis, 1000L)));
    }
}
