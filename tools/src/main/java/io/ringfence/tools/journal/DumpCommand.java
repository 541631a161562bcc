package io.ringfence.tools.journal;

import io.ringfence.api.Action;
import io.ringfence.api.Fingerprint;
import io.ringfence.event.EngineEvent;
import io.ringfence.ingress.CountryCodes;
import io.ringfence.journal.DecisionJournal;
import io.ringfence.journal.DecisionRecord;
import io.ringfence.journal.JournalException;
import io.ringfence.journal.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ringfence journal dump}: journal entries as JSON lines, filtered. */
@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Prints journal entries as JSON lines: input events by default, decision records with --decisions.",
        "Keys are snake_case; fingerprints are 32 hex digits, times ISO-8601 UTC; absent fields are left out."
            + " No card number is ever journaled, so none is printed."})
public final class DumpCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
        description = "Journal root (holding input/ and decisions/), or one journal directory.")
    private Path dir;

    @Option(names = "--decisions", description = "Dump the decision journal instead of the input journal.")
    private boolean decisions;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeArgument.class,
        description = "Only entries with an event time at or after TIME (ISO-8601 UTC or epoch millis).")
    private Long from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeArgument.class,
        description = "Only entries with an event time before TIME (ISO-8601 UTC or epoch millis).")
    private Long to;

    @Option(names = "--fingerprint", paramLabel = "HEX32",
        description = "Only entries for this card fingerprint (32 hex digits); for inputs, a linked card counts too.")
    private String fingerprintHex;

    @Option(names = "--action", paramLabel = "ACTION",
        description = "Only decisions with this action (APPROVE, CHALLENGE, REVIEW, DECLINE); needs --decisions.")
    private String actionName;

    @Override
    public Integer call() {
        final Fingerprint fingerprint = parseFingerprint();
        final Action action = parseAction();
        if (from != null && to != null && from >= to) {
            throw new ParameterException(spec.commandLine(), "--from must be before --to");
        }
        final long fromMillis = from == null ? Long.MIN_VALUE : from;
        final long toMillis = to == null ? Long.MAX_VALUE : to;
        final PrintWriter out = spec.commandLine().getOut();
        final JournalDirs dirs = JournalDirs.of(dir);
        try {
            if (decisions) {
                DecisionJournal.read(dirs.decisions(), record -> {
                    if (record.eventTimeMillis() >= fromMillis && record.eventTimeMillis() < toMillis
                        && (action == null || record.action() == action)
                        && (fingerprint == null || (record.fingerprintHigh() == fingerprint.high()
                        && record.fingerprintLow() == fingerprint.low()))) {
                        out.println(json(record));
                    }
                });
            } else {
                try (JournalReader reader = JournalReader.open(dirs.input())) {
                    reader.replay(-1L, (event, sequence) -> {
                        if (event.eventTimeMillis >= fromMillis && event.eventTimeMillis < toMillis
                            && (fingerprint == null || matches(event, fingerprint))) {
                            out.println(json(event, sequence));
                        }
                    });
                }
            }
        } catch (final JournalException e) {
            out.flush();
            return Failures.report(spec, e);
        }
        out.flush();
        return 0;
    }

    static String json(final EngineEvent event, final long sequence) {
        final Json json = new Json()
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
        json.field("request_id", event.requestId);
        return json.toString();
    }

    static String json(final DecisionRecord record) {
        return new Json()
            .field("sequence", record.sequence())
            .field("type", record.type())
            .time("time", record.eventTimeMillis())
            .fingerprint("fingerprint", record.fingerprintHigh(), record.fingerprintLow())
            .field("action", record.action())
            .field("response_code", record.responseCode() == null ? null : record.responseCode().code())
            .field("score", record.score())
            .array("reasons", record.reasons())
            .field("scorer_version", record.scorerVersion())
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

    private static void key(final Json json, final String name, final long key) {
        if (key != EngineEvent.NO_KEY) {
            json.hex64(name, key);
        }
    }

    private static void country(final Json json, final String name, final short packed) {
        if (packed != EngineEvent.UNKNOWN) {
            json.field(name, CountryCodes.unpack(packed));
        }
    }

    private Fingerprint parseFingerprint() {
        if (fingerprintHex == null) {
            return null;
        }
        if (!fingerprintHex.matches("[0-9a-fA-F]{32}")) {
            throw new ParameterException(spec.commandLine(), "--fingerprint must be 32 hex digits, was '"
                + fingerprintHex + "'");
        }
        return Fingerprint.parse(fingerprintHex);
    }

    private Action parseAction() {
        if (actionName == null) {
            return null;
        }
        if (!decisions) {
            throw new ParameterException(spec.commandLine(), "--action filters decisions: add --decisions");
        }
        try {
            return Action.valueOf(actionName.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--action must be one of APPROVE, CHALLENGE, REVIEW,"
                + " DECLINE, was '" + actionName + "'");
        }
    }
}
