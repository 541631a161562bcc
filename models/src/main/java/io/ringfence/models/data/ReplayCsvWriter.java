package io.ringfence.models.data;

import io.ringfence.models.data.MinorUnits;
import io.ringfence.models.data.ReplayColumns;
import io.ringfence.models.data.ReplayTimes;
import io.ringfence.synthetic.SyntheticAuthorization;
import io.ringfence.synthetic.SyntheticEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes synthetic authorizations as rows of the CSV replay format, every column of {@link ReplayColumns#ALL}:
 * the card as its PAN (the data is synthetic), the label from the ground truth and the scenario column naming
 * the story (empty for ordinary traffic). Fraud reports and flag clears are not rows: in the replay format
 * labels come back as fraud reports after the feedback delay.
 */
final class ReplayCsvWriter implements Consumer<SyntheticEvent> {
    private final Writer out;
    private final ReplayTimes times = new ReplayTimes();
    private final StringBuilder row = new StringBuilder(256);
    private long rows;
    private long fraudRows;
    private long cardPresentRows;

    ReplayCsvWriter(final Writer out) {
        this.out = out;
    }

    void writeHeader() throws IOException {
        out.write(String.join(",", ReplayColumns.ALL));
        out.write('\n');
    }

    /** Writes authorizations; other events are not rows. I/O failures come out unchecked. */
    @Override
    public void accept(final SyntheticEvent event) {
        if (event instanceof SyntheticAuthorization authorization) {
            try {
                write(authorization);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void write(final SyntheticAuthorization a) throws IOException {
        row.setLength(0);
        times.format(row, a.timeMillis()).append(',');
        row.append(a.card().pan()).append(',');
        MinorUnits.format(row, a.amountMinor(), MinorUnits.fractionDigits(a.currency())).append(',');
        row.append(a.channel().name()).append(',');
        field(a.id());
        field(a.currency());
        field(a.merchant().id());
        field(a.terminalId());
        final int mcc = a.merchant().mcc();
        for (int pad = mcc < 10 ? 3 : mcc < 100 ? 2 : mcc < 1000 ? 1 : 0; pad > 0; pad--) {
            row.append('0');
        }
        row.append(mcc).append(',');
        field(a.merchant().country());
        field(a.card().country());
        field(a.ipCountry());
        field(a.ipAddress());
        field(a.deviceId());
        field(a.email());
        field(a.entryMode() == null ? null : a.entryMode().name().toLowerCase(Locale.ROOT));
        row.append(a.tag().fraud() ? '1' : '0').append(',');
        if (!a.tag().isNormal()) {
            row.append(a.tag().kind().tagName());
        }
        row.append('\n');
        out.append(row);
        rows++;
        fraudRows += a.tag().fraud() ? 1 : 0;
        cardPresentRows += a.cardPresent() ? 1 : 0;
    }

    /** A field and its comma; quoted when it holds a comma, a quote or a line break. */
    private void field(final String value) {
        if (value != null) {
            if (needsQuotes(value)) {
                row.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                row.append(value);
            }
        }
        row.append(',');
    }

    private static boolean needsQuotes(final String value) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    long rows() {
        return rows;
    }

    long fraudRows() {
        return fraudRows;
    }

    long cardPresentRows() {
        return cardPresentRows;
    }
}
