package io.ringfence.models.data;

import io.ringfence.api.EntryMode;

import java.util.List;

/**
 * The columns of the CSV replay format (a contract other tools rely on): a header row, columns in any order, unknown
 * columns ignored. {@link #TIMESTAMP}, {@link #CARD}, {@link #AMOUNT} and {@link #CHANNEL} are required.
 */
public final class ReplayColumns {
    /** ISO-8601 UTC ({@code 2018-04-01T00:00:31Z}) or epoch milliseconds. */
    public static final String TIMESTAMP = "timestamp";
    /** PAN, network token or an opaque card reference. */
    public static final String CARD = "card";
    /** Decimal, major units ({@code 57.16}). */
    public static final String AMOUNT = "amount";
    /** {@code CP} or {@code CNP}. */
    public static final String CHANNEL = "channel";
    /** Transaction id, echoed in score output. */
    public static final String ID = "id";
    /** ISO 4217 alpha code; {@value #CURRENCY_DEFAULT} when absent. */
    public static final String CURRENCY = "currency";
    /** Merchant id; when absent, the {@link #TERMINAL} stands for its own merchant, else {@value #MERCHANT_DEFAULT}. */
    public static final String MERCHANT = "merchant";
    public static final String TERMINAL = "terminal";
    public static final String MCC = "mcc";
    public static final String MERCHANT_COUNTRY = "merchant_country";
    public static final String CARD_COUNTRY = "card_country";
    public static final String IP_COUNTRY = "ip_country";
    public static final String IP = "ip";
    public static final String DEVICE = "device";
    public static final String EMAIL = "email";
    /**
     * {@code chip}, {@code contactless}, {@code swipe}, {@code manual}, {@code ecommerce}, {@code moto}, {@code wallet},
     * and with strong customer authentication {@code chip_and_pin} and {@code ecommerce_3ds}; when absent, {@link #ENTRY_MODE_DEFAULT_CP} in store and {@link #ENTRY_MODE_DEFAULT_CNP} online.
     */
    public static final String ENTRY_MODE = "entry_mode";
    /** {@code 1} fraud, {@code 0} genuine: replayed as a fraud report after the feedback delay. */
    public static final String LABEL = "label";
    /**
     * Not in the contract (so other readers ignore it): the synthetic story a row belongs to
     * ({@code stolen-card}, ...), empty for ordinary traffic. A story's rows include genuine ones (the owner's own
     * purchases before the theft): {@link #LABEL} alone says which rows are fraud.
     */
    public static final String SCENARIO = "scenario";

    public static final String CURRENCY_DEFAULT = "USD";
    /** The merchant of every row that names neither a merchant nor a terminal. */
    public static final String MERCHANT_DEFAULT = "unknown";
    public static final EntryMode ENTRY_MODE_DEFAULT_CP = EntryMode.CHIP;
    public static final EntryMode ENTRY_MODE_DEFAULT_CNP = EntryMode.ECOMMERCE;

    /** Every column the format defines, in the order {@code ringfence generate} writes them, then scenario. */
    public static final List<String> ALL = List.of(TIMESTAMP, CARD, AMOUNT, CHANNEL, ID, CURRENCY, MERCHANT, TERMINAL,
        MCC, MERCHANT_COUNTRY, CARD_COUNTRY, IP_COUNTRY, IP, DEVICE, EMAIL, ENTRY_MODE, LABEL, SCENARIO);

    /** The columns a file must have. */
    public static final List<String> REQUIRED = List.of(TIMESTAMP, CARD, AMOUNT, CHANNEL);

    private ReplayColumns() {
    }
}
