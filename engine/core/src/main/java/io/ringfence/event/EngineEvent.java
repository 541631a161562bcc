package io.ringfence.event;

import io.ringfence.api.Action;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.api.FlagReason;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.scoring.Scorer;

import java.util.Arrays;

/**
 * The one mutable event that flows through every stage of the ring. Slots are allocated once when the ring is
 * built and overwritten for each event: ingress fills the request part, the business logic fills the decision
 * part, the response stage hands the result to the {@link #sink}.
 *
 * <p>Fields are public for the stages' sake, as in a flyweight; nothing outside the pipeline holds a slot. The
 * card is present only as its fingerprint, BIN and last four: the PAN never enters the ring.
 */
public final class EngineEvent {
    /** Country and currency fields hold this when the request did not carry the value. */
    public static final short UNKNOWN = 0;
    public static final int NO_MCC = -1;
    public static final long NO_KEY = 0L;

    // Written by ingress.
    public EventType type;
    public ResponseSink sink;
    /** The sink's request generation this event answers; a reused sink refuses the answer to an older one. */
    public long sinkGeneration;
    public Object requestId;
    public long ingressNanos;
    public long eventTimeMillis;
    /** Null when the request passed validation; otherwise what was wrong with it. */
    public Rejection rejection;
    /** Set by the journal stage when it could not journal the event: its outcome must not be released. */
    public boolean journalFailed;
    /**
     * Set by the response stage when the caller had already been given a stand-in: this decision was made and applied
     * to the state, but nobody was told it, so the audit record says so.
     */
    public boolean deliveredLate;

    public long fingerprintHigh;
    public long fingerprintLow;
    public int bin;
    public short lastFour;

    public long amountMinor;
    public short currencyNumeric;
    public byte currencyExponent;
    public Channel channel;
    public EntryMode entryMode;
    public long merchantKey;
    public long terminalKey;
    public int mcc;
    public short merchantCountry;
    public short cardCountry;
    public short ipCountry;
    public short billingCountry;
    public long ipKey;
    public long deviceKey;
    public long emailKey;

    public FraudReportKind reportKind;
    /** For LINK_TOKEN: the card the token (in the fingerprint fields) stands for. */
    public long linkedFingerprintHigh;
    public long linkedFingerprintLow;
    public QueryKind queryKind;
    /**
     * For LOAD_MODEL: the model to switch to, read and checked by the caller before publishing; null when the
     * event comes from the journal, and the business logic reloads it from {@link #modelPath}.
     */
    public Scorer scorer;
    /** For LOAD_MODEL: the model's version. */
    public String modelVersion;
    /** For LOAD_MODEL: the absolute path of the model's serving file. */
    public String modelPath;
    /** For LOAD_MODEL: the SHA-256 of the serving file's bytes. */
    public final byte[] modelSha256 = new byte[32];
    /**
     * For LOAD_RULES: the rules the caller compiled and checked (a {@code io.ringfence.rules.RuleSet}, held as an
     * Object because the rules package reads events); null when the event comes from the journal, and the business
     * logic recompiles {@link #rulesPath}.
     */
    public Object compiledRules;
    /** For LOAD_RULES: the absolute path of the rules file. */
    public String rulesPath;
    /** For LOAD_RULES: the SHA-256 of the rules file's bytes. */
    public final byte[] rulesSha256 = new byte[32];
    /** For LIST_ADD and LIST_REMOVE: the list's name, without its {@code @}. */
    public String listName;
    /** For LIST_ADD and LIST_REMOVE: the item's key, computed by the caller as the list's attributes hold values. */
    public long listKey;

    // Written by the business-logic stage.
    /** The event's ring sequence: its place in the one order every stage and replay agree on. */
    public long sequence;
    public Action action;
    public ResponseCode responseCode;
    public int score;
    /** The scorer (policy or model) version that decided the event. */
    public String scorerVersion;
    public ReasonCode reason0;
    public ReasonCode reason1;
    public ReasonCode reason2;
    /** The fingerprint the business logic resolved the card to (differs from the request's for linked tokens). */
    public long resolvedFingerprintHigh;
    public long resolvedFingerprintLow;
    /** The reason this event flagged the card, or NOT_FLAGGED. */
    public FlagReason flagRaised;
    /** The analyst's rule that decided an authorization (the compiled rule's own name, not a copy), or null. */
    public String ruleName;
    /** For control events: whether the business logic found something to change. */
    public boolean applied;
    public Object queryResult;

    /** Clears every field so nothing of the previous occupant of the slot leaks into this one. */
    public void clear() {
        type = null;
        sink = null;
        sinkGeneration = 0L;
        requestId = null;
        ingressNanos = 0L;
        eventTimeMillis = 0L;
        rejection = null;
        journalFailed = false;
        deliveredLate = false;
        fingerprintHigh = 0L;
        fingerprintLow = 0L;
        bin = 0;
        lastFour = 0;
        amountMinor = 0L;
        currencyNumeric = UNKNOWN;
        currencyExponent = 0;
        channel = null;
        entryMode = null;
        merchantKey = NO_KEY;
        terminalKey = NO_KEY;
        mcc = NO_MCC;
        merchantCountry = UNKNOWN;
        cardCountry = UNKNOWN;
        ipCountry = UNKNOWN;
        billingCountry = UNKNOWN;
        ipKey = NO_KEY;
        deviceKey = NO_KEY;
        emailKey = NO_KEY;
        reportKind = null;
        linkedFingerprintHigh = 0L;
        linkedFingerprintLow = 0L;
        queryKind = null;
        if (modelPath != null || scorer != null || modelVersion != null) {
            scorer = null;
            modelVersion = null;
            modelPath = null;
            Arrays.fill(modelSha256, (byte)0);
        }
        if (rulesPath != null || compiledRules != null || listName != null) {
            compiledRules = null;
            rulesPath = null;
            Arrays.fill(rulesSha256, (byte)0);
            listName = null;
        }
        listKey = 0L;
        clearOutcome();
    }

    /**
     * Copies the request part of a staged event into this slot: ingress prepares a request off the ring (the HMAC
     * is the slow part) and claims a slot only to copy primitives in.
     */
    public void copyRequestFrom(final EngineEvent staged) {
        type = staged.type;
        sink = staged.sink;
        sinkGeneration = staged.sinkGeneration;
        requestId = staged.requestId;
        ingressNanos = staged.ingressNanos;
        eventTimeMillis = staged.eventTimeMillis;
        rejection = staged.rejection;
        journalFailed = false;
        deliveredLate = false;
        fingerprintHigh = staged.fingerprintHigh;
        fingerprintLow = staged.fingerprintLow;
        bin = staged.bin;
        lastFour = staged.lastFour;
        amountMinor = staged.amountMinor;
        currencyNumeric = staged.currencyNumeric;
        currencyExponent = staged.currencyExponent;
        channel = staged.channel;
        entryMode = staged.entryMode;
        merchantKey = staged.merchantKey;
        terminalKey = staged.terminalKey;
        mcc = staged.mcc;
        merchantCountry = staged.merchantCountry;
        cardCountry = staged.cardCountry;
        ipCountry = staged.ipCountry;
        billingCountry = staged.billingCountry;
        ipKey = staged.ipKey;
        deviceKey = staged.deviceKey;
        emailKey = staged.emailKey;
        reportKind = staged.reportKind;
        linkedFingerprintHigh = staged.linkedFingerprintHigh;
        linkedFingerprintLow = staged.linkedFingerprintLow;
        queryKind = staged.queryKind;
        scorer = staged.scorer;
        modelVersion = staged.modelVersion;
        modelPath = staged.modelPath;
        System.arraycopy(staged.modelSha256, 0, modelSha256, 0, modelSha256.length);
        compiledRules = staged.compiledRules;
        rulesPath = staged.rulesPath;
        System.arraycopy(staged.rulesSha256, 0, rulesSha256, 0, rulesSha256.length);
        listName = staged.listName;
        listKey = staged.listKey;
        clearOutcome();
    }

    /** Clears the business logic's output, as replay does before re-deciding an event. */
    public void clearOutcome() {
        sequence = -1L;
        action = null;
        responseCode = null;
        score = 0;
        scorerVersion = null;
        reason0 = null;
        reason1 = null;
        reason2 = null;
        resolvedFingerprintHigh = 0L;
        resolvedFingerprintLow = 0L;
        flagRaised = FlagReason.NOT_FLAGGED;
        ruleName = null;
        applied = false;
        queryResult = null;
    }

    public boolean isCardPresent() {
        return channel == Channel.CP;
    }

    @Override
    public String toString() {
        return "EngineEvent{type=" + type + ", time=" + eventTimeMillis
            + ", fingerprint=" + String.format("%016x%016x", fingerprintHigh, fingerprintLow)
            + ", bin=" + bin + ", last4=" + lastFour + ", amountMinor=" + amountMinor
            + ", channel=" + channel + ", rejection=" + rejection
            + ", action=" + action + ", code=" + responseCode + ", score=" + score + '}';
    }
}
