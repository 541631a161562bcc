package io.ringfence.event;

import io.ringfence.api.FlagReason;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import io.ringfence.journal.EventCodec;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.pipeline.PendingResponse;
import io.ringfence.scoring.Scorer;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EngineEvent}'s fields are listed once, here, by what each is for; every list is checked against what
 * {@link EngineEvent#clear()}, {@link EngineEvent#copyRequestFrom}, {@link EngineEvent#clearOutcome()}, the journal
 * codec and the caller's response slot do with it. A field added to the event without a place in these lists, or left
 * out of one of those operations, fails here by name.
 */
class EngineEventFieldsTest {
    /** What a request carries into the ring, journaled by the input journal. */
    private static final Set<String> JOURNALED_REQUEST = Set.of("type", "requestId", "eventTimeMillis", "rejection",
        "fingerprintHigh", "fingerprintLow", "bin", "lastFour", "amountMinor", "currencyNumeric", "currencyExponent",
        "channel", "entryMode", "merchantKey", "terminalKey", "mcc", "merchantCountry", "cardCountry", "ipCountry",
        "billingCountry", "ipKey", "deviceKey", "emailKey", "reportKind", "linkedFingerprintHigh",
        "linkedFingerprintLow");
    /** Journaled only with a model switch. */
    private static final Set<String> JOURNALED_MODEL = Set.of("modelVersion", "modelPath", "modelSha256");
    /** Journaled only with a rules switch or a list change. */
    private static final Set<String> JOURNALED_RULES = Set.of("rulesPath", "rulesSha256", "listName", "listKey");
    /** Carried into the ring but not journaled: live-only (where to answer, when it entered, the loaded scorer). */
    private static final Set<String> LIVE_REQUEST = Set.of("sink", "sinkGeneration", "ingressNanos", "queryKind",
        "scorer", "compiledRules");
    /** Set by one stage for a later one (journal failed, answer late); reset whenever a request is copied in. */
    private static final Set<String> STAGE_STATUS = Set.of("journalFailed", "deliveredLate");
    /** What the business logic answers. */
    private static final Set<String> OUTCOME = Set.of("sequence", "action", "responseCode", "score", "scorerVersion",
        "reason0", "reason1", "reason2", "resolvedFingerprintHigh", "resolvedFingerprintLow", "flagRaised", "applied",
        "queryResult", "ruleName");
    /** Outcome fields the response slot keeps under another name. */
    private static final Map<String, String> SLOT_NAMES = Map.of("resolvedFingerprintHigh", "fingerprintHigh",
        "resolvedFingerprintLow", "fingerprintLow");

    @Test
    void everyFieldHasItsPlace() {
        final Set<String> listed = new TreeSet<>();
        for (final Set<String> group : List.of(JOURNALED_REQUEST, JOURNALED_MODEL, JOURNALED_RULES, LIVE_REQUEST,
            STAGE_STATUS, OUTCOME)) {
            for (final String name : group) {
                assertTrue(listed.add(name), name + " is listed twice");
            }
        }
        assertEquals(listed, new TreeSet<>(fieldNames()), "EngineEvent's fields and the lists here differ");
    }

    @Test
    void clearResetsEveryField() throws ReflectiveOperationException {
        final EngineEvent fresh = new EngineEvent();
        fresh.clear();
        final EngineEvent event = filled(EventType.LOAD_MODEL);
        event.clear();
        for (final Field field : fields()) {
            assertEquals(value(field, fresh), value(field, event), field.getName() + " survives clear()");
        }
    }

    @Test
    void copyRequestFromCopiesTheRequestAndResetsTheRest() throws ReflectiveOperationException {
        final EngineEvent staged = filled(EventType.LOAD_MODEL);
        final EngineEvent slot = filled(EventType.AUTHORIZE);
        slot.clear();
        slot.copyRequestFrom(staged);
        final EngineEvent fresh = new EngineEvent();
        fresh.clear();
        for (final Field field : fields()) {
            final String name = field.getName();
            final Object expected = OUTCOME.contains(name) || STAGE_STATUS.contains(name) ? value(field, fresh)
                : value(field, staged);
            assertEquals(expected, value(field, slot), name + " after copyRequestFrom");
        }
    }

    @Test
    void clearOutcomeResetsOnlyTheOutcome() throws ReflectiveOperationException {
        final EngineEvent fresh = new EngineEvent();
        fresh.clear();
        final EngineEvent original = filled(EventType.LOAD_MODEL);
        final EngineEvent event = filled(EventType.LOAD_MODEL);
        event.clearOutcome();
        for (final Field field : fields()) {
            final String name = field.getName();
            assertEquals(value(field, OUTCOME.contains(name) ? fresh : original), value(field, event),
                name + " after clearOutcome");
        }
    }

    @Test
    void theJournalKeepsEveryJournaledRequestField() throws ReflectiveOperationException {
        final Bytes<?> bytes = Bytes.allocateElasticDirect(512);
        try {
            for (final EventType type : new EventType[] {EventType.AUTHORIZE, EventType.LOAD_MODEL,
                EventType.LOAD_RULES, EventType.LIST_REMOVE}) {
                final EngineEvent event = filled(type);
                bytes.clear();
                EventCodec.encode(event, 42L, bytes);
                final EngineEvent decoded = new EngineEvent();
                decoded.clear();
                assertEquals(42L, EventCodec.decode(bytes, decoded, new StringBuilder()));
                final Set<String> journaled = new TreeSet<>(JOURNALED_REQUEST);
                if (type == EventType.LOAD_MODEL) {
                    journaled.addAll(JOURNALED_MODEL);
                }
                if (type == EventType.LOAD_RULES || type == EventType.LIST_REMOVE) {
                    journaled.addAll(JOURNALED_RULES);
                }
                for (final Field field : fields()) {
                    if (journaled.contains(field.getName())) {
                        assertEquals(value(field, event), value(field, decoded), field.getName() + " of a " + type
                            + " after the journal");
                    }
                }
            }
        } finally {
            bytes.releaseLast();
        }
    }

    @Test
    void theResponseSlotKeepsEveryOutcomeField() throws ReflectiveOperationException {
        final EngineEvent event = filled(EventType.AUTHORIZE);
        final PendingResponse slot = new PendingResponse(new EngineCounters());
        event.sinkGeneration = slot.begin();
        assertTrue(slot.onResponse(event, event.ingressNanos + 5));
        for (final String name : OUTCOME) {
            final Field slotField = PendingResponse.class.getDeclaredField(SLOT_NAMES.getOrDefault(name, name));
            slotField.setAccessible(true);
            assertEquals(value(EngineEvent.class.getField(name), event), slotField.get(slot),
                name + " in the response slot");
        }
    }

    private static List<Field> fields() {
        final List<Field> fields = new ArrayList<>();
        for (final Field field : EngineEvent.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static List<String> fieldNames() {
        return fields().stream().map(Field::getName).toList();
    }

    /** A field's value: arrays by content, text by its characters, the scorer and sink by their kind. */
    private static Object value(final Field field, final EngineEvent event) throws IllegalAccessException {
        final Object value = field.get(event);
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        return value instanceof Scorer || value instanceof ResponseSink ? value.getClass() : value;
    }

    /** An event of {@code type} whose every field holds a value no clear or default gives. */
    private static EngineEvent filled(final EventType type) throws ReflectiveOperationException {
        final EngineEvent event = new EngineEvent();
        int n = 1;
        for (final Field field : fields()) {
            final Class<?> kind = field.getType();
            n++;
            if (kind == long.class) {
                field.setLong(event, 0x5eed_0000_0000L + n);
            } else if (kind == int.class) {
                field.setInt(event, 1_000 + n);
            } else if (kind == short.class) {
                field.setShort(event, (short)(100 + n));
            } else if (kind == byte.class) {
                field.setByte(event, (byte)n);
            } else if (kind == boolean.class) {
                field.setBoolean(event, true);
            } else if (kind == String.class) {
                field.set(event, field.getName() + "-value");
            } else if (kind == byte[].class) {
                Arrays.fill((byte[])field.get(event), (byte)n);
            } else if (kind.isEnum()) {
                final Object[] constants = kind.getEnumConstants();
                field.set(event, constants[constants.length - 1]);
            } else if (kind == Scorer.class) {
                field.set(event, new FixedScorer());
            } else if (kind == ResponseSink.class) {
                field.set(event, (ResponseSink)(e, releaseNanos) -> true);
            } else if (kind == Object.class) {
                field.set(event, field.getName() + "-object");
            } else {
                throw new AssertionError("no test value for a field of type " + kind + ": " + field.getName());
            }
        }
        event.type = type;
        event.flagRaised = FlagReason.values()[FlagReason.values().length - 1];
        Objects.requireNonNull(event.rejection);
        return event;
    }

    private static final class FixedScorer implements Scorer {
        @Override
        public String version() {
            return "fixed/1";
        }

        @Override
        public String featureSchemaId() {
            return FeatureSchema.ID;
        }

        @Override
        public int score(final FeatureVector features, final double[] contributions) {
            return 0;
        }
    }
}
