package io.ringfence.journal;

import io.ringfence.api.Action;
import io.ringfence.api.Fingerprint;
import io.ringfence.event.EngineEvent;
import io.ringfence.ingress.CountryCodes;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Journal entries as JSON lines, filtered: fingerprints as 32 hex digits, times ISO-8601 UTC, keyed identifiers as
 * hex. No card number is ever journaled, so none can be printed.
 */
public final class JournalDump {
    private JournalDump() {
    }

    /**
     * Every input event whose time is in {@code [fromMillis, toMillis)} and, when {@code card} is not null, that names
     * the card (a token link naming it as the linked card counts).
     *
     * @throws JournalException when the journal cannot be read
     */
    public static void inputs(final Path inputDirectory, final long fromMillis, final long toMillis,
        final Fingerprint card, final Consumer<String> lines) {
        try (JournalReader reader = JournalReader.open(inputDirectory)) {
            reader.replay(-1L, (event, sequence) -> {
                if (event.eventTimeMillis >= fromMillis && event.eventTimeMillis < toMillis
                    && (card == null || matches(event, card))) {
                    lines.accept(json(event, sequence));
                }
            });
        }
    }

    /**
     * Every decision record whose time is in {@code [fromMillis, toMillis)}, with {@code action} unless it is null,
     * for {@code card} unless it is null.
     *
     * @throws JournalException when the journal cannot be read
     */
    public static void decisions(final Path decisionDirectory, final long fromMillis, final long toMillis,
        final Action action, final Fingerprint card, final Consumer<String> lines) {
        DecisionJournal.read(decisionDirectory, record -> {
            if (record.eventTimeMillis() >= fromMillis && record.eventTimeMillis() < toMillis
                && (action == null || record.action() == action)
                && (card == null || (record.fingerprintHigh() == card.high()
                && record.fingerprintLow() == card.low()))) {
                lines.accept(json(record));
            }
        });
    }

    /** One input event as a JSON line: snake_case keys, absent fields left out. */
    public static String json(final EngineEvent event, final long sequence) {
        final JsonLine json = new JsonLine()
            .field("sequence", sequence)
            .field("type", event.type)
            .time("time", event.eventTimeMillis)
            .fingerprint("fingerprint", event.fingerprintHigh, event.fingerprintLow);
        json.field("rejection", event.rejection);
        if (event.bin != 0) {
            json.field("bin", String.format("%06d", event.bin));
        }
        if (event.lastFour != 0 || event.bin != 0) {
            json.field("last_four", String.format("%04d", event.lastFour));
        }
        if (event.amountMinor != 0) {
            json.field("amount_minor", event.amountMinor);
        }
        if (event.currencyNumeric != EngineEvent.UNKNOWN) {
            json.field("currency_numeric", String.format("%03d", event.currencyNumeric))
                .field("currency_exponent", event.currencyExponent);
        }
        json.field("channel", event.channel).field("entry_mode", event.entryMode);
        key(json, "merchant_key", event.merchantKey);
        key(json, "terminal_key", event.terminalKey);
        if (event.mcc != EngineEvent.NO_MCC) {
            json.field("mcc", String.format("%04d", event.mcc));
        }
        country(json, "merchant_country", event.merchantCountry);
        country(json, "card_country", event.cardCountry);
        country(json, "ip_country", event.ipCountry);
        country(json, "billing_country", event.billingCountry);
        key(json, "ip_key", event.ipKey);
        key(json, "device_key", event.deviceKey);
        key(json, "email_key", event.emailKey);
        json.field("report_kind", event.reportKind);
        if (event.linkedFingerprintHigh != 0 || event.linkedFingerprintLow != 0) {
            json.fingerprint("linked_fingerprint", event.linkedFingerprintHigh, event.linkedFingerprintLow);
        }
        json.field("rules_path", event.rulesPath).field("list", event.listName);
        if (event.listName != null) {
            json.hex64("list_key", event.listKey);
        }
        json.field("request_id", event.requestId);
        return json.toString();
    }

    /** One decision record as a JSON line. */
    public static String json(final DecisionRecord record) {
        return new JsonLine()
            .field("sequence", record.sequence())
            .field("type", record.type())
            .time("time", record.eventTimeMillis())
            .fingerprint("fingerprint", record.fingerprintHigh(), record.fingerprintLow())
            .field("action", record.action())
            .field("response_code", record.responseCode() == null ? null : record.responseCode().code())
            .field("score", record.score())
            .array("reasons", record.reasons())
            .field("scorer_version", record.scorerVersion())
            .field("rule", record.ruleName())
            .field("flag_raised", record.flagRaised())
            .field("applied", record.applied())
            .field("stand_in", record.standIn())
            .field("latency_nanos", record.latencyNanos())
            .toString();
    }

    private static boolean matches(final EngineEvent event, final Fingerprint fingerprint) {
        return (event.fingerprintHigh == fingerprint.high() && event.fingerprintLow == fingerprint.low())
            || (event.linkedFingerprintHigh == fingerprint.high() && event.linkedFingerprintLow == fingerprint.low());
    }

    private static void key(final JsonLine json, final String name, final long key) {
        if (key != EngineEvent.NO_KEY) {
            json.hex64(name, key);
        }
    }

    private static void country(final JsonLine json, final String name, final short packed) {
        if (packed != EngineEvent.UNKNOWN) {
            json.field(name, CountryCodes.unpack(packed));
        }
    }
}
