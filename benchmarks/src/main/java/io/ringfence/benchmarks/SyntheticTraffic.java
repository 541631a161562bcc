package io.ringfence.benchmarks;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardNumbers;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.ingress.CardFingerprinter;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Deterministic synthetic authorization traffic shared by the benchmarks: a card population (16-digit, Luhn-valid
 * PANs, each with its own home device) and a fixed set of transaction templates (channel, entry mode, merchant,
 * terminal, amount, countries) that is crossed with the cards.
 *
 * <p>Mix: 60% card-present (chip 55%, contactless 35%, swipe 8%, manual 2%), 40% card-not-present (e-commerce 85%,
 * wallet 10%, MOTO 5%); 5,000 merchants with up to 4 terminals each; log-normal amounts (median about 33 USD);
 * a few percent foreign merchants, IP and billing countries, and new devices. Event time starts at
 * {@link #START_MILLIS} and advances {@link #STEP_MILLIS} per authorization, so with {@link #CARDS_DEFAULT} cards
 * visited in a fixed stride each card is seen about every 14 simulated hours and every window tier (minute to
 * month) rolls during a run.
 */
final class SyntheticTraffic {
    /** Default number of distinct cards the benchmarks spread authorizations over. */
    static final int CARDS_DEFAULT = 100_000;
    /** Number of transaction templates; a power of two. */
    static final int TEMPLATES = 4096;
    static final int TEMPLATE_MASK = TEMPLATES - 1;
    /** 2025-01-01T00:00:00Z. */
    static final long START_MILLIS = 1_735_689_600_000L;
    /** Simulated time between consecutive authorizations. */
    static final long STEP_MILLIS = 500L;

    private static final String[] BINS = {"411111", "431940", "520082", "545454"};
    private static final int MERCHANTS = 5_000;
    private static final int TERMINALS_PER_MERCHANT = 4;
    private static final int[] MCCS = {5411, 5812, 5999, 5311, 4111, 5541, 5732, 5691, 5814, 7011};
    private static final int[] HIGH_RISK_MCCS = {4829, 6051, 7995};
    private static final String[] FOREIGN = {"GB", "CA", "MX", "FR", "DE", "BR"};
    private static final long SEED = 0x52696e67L;

    private final Template[] templates = new Template[TEMPLATES];

    SyntheticTraffic() {
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int t = 0; t < TEMPLATES; t++) {
            templates[t] = Template.draw(random);
        }
    }

    /** The engine's development fingerprint key (never for real card data). */
    static byte[] developmentKey() {
        return CardFingerprinter.developmentKey();
    }

    /** The 16-digit, Luhn-valid PAN of card {@code card} (0 to 999,999,999). */
    static String pan(final int card) {
        final String body = BINS[card & 3] + String.format("%09d", card);
        return body + CardNumbers.luhnCheckDigit(body);
    }

    /** The device card {@code card} normally shops online from. */
    static String homeDevice(final int card) {
        return "dev-" + card;
    }

    /** The simulated event time of the {@code n}-th authorization. */
    static long eventTimeMillis(final long n) {
        return START_MILLIS + n * STEP_MILLIS;
    }

    /** A stride that visits every one of {@code cards} cards once per cycle, in a scattered order. */
    static int strideFor(final int cards) {
        int stride = Math.max(1, (int)(cards * 0.6180339887));
        while (gcd(stride, cards) != 1) {
            stride++;
        }
        return stride % cards == 0 ? 1 : stride;
    }

    /** Whether the template's card-not-present attempt comes from a device the card has not used before. */
    boolean usesNewDevice(final int template) {
        return templates[template].newDevice;
    }

    /** Template {@code template} applied to the card with this PAN and home device. */
    AuthorizationRequest request(final int template, final String pan, final String device, final String requestId) {
        final Template t = templates[template];
        final AuthorizationRequest.Builder b = AuthorizationRequest.builder()
            .requestId(requestId)
            .pan(pan)
            .expiry("1230")
            .amountMinor(t.amountMinor)
            .currency("USD")
            .channel(t.channel)
            .entryMode(t.entryMode)
            .merchantId(t.merchantId)
            .mcc(t.mcc)
            .merchantCountry(t.merchantCountry)
            .cardCountry("US");
        if (t.channel == Channel.CP) {
            b.terminalId(t.terminalId);
        } else {
            b.ipAddress(t.ipAddress).ipCountry(t.ipCountry).billingCountry(t.billingCountry)
                .deviceId(t.newDevice ? "new-dev-" + template : device);
        }
        return b.build();
    }

    /** Template {@code template} applied to card {@code card}. */
    AuthorizationRequest request(final int template, final int card) {
        return request(template, pan(card), homeDevice(card), null);
    }

    /** Share of card-present templates, for the record. */
    double cardPresentShare() {
        int cp = 0;
        for (final Template t : templates) {
            cp += t.channel == Channel.CP ? 1 : 0;
        }
        return (double)cp / TEMPLATES;
    }

    /** The counters whose name starts with one of the prefixes, as one line; for teardown summaries. */
    static String summarise(final Map<String, Long> counters, final String... prefixes) {
        final Map<String, Long> picked = new TreeMap<>();
        counters.forEach((name, value) -> {
            for (final String prefix : prefixes) {
                if (name.startsWith(prefix) && value != 0L) {
                    picked.put(name, value);
                }
            }
        });
        return picked.toString();
    }

    private static int gcd(final int a, final int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** One transaction shape, without the card. */
    private record Template(Channel channel, EntryMode entryMode, String merchantId, String terminalId, int mcc,
        String merchantCountry, long amountMinor, String ipAddress, String ipCountry, String billingCountry,
        boolean newDevice) {

        static Template draw(final SplittableRandom r) {
            final boolean cardPresent = r.nextInt(100) < 60;
            final int merchant = r.nextInt(MERCHANTS);
            final int mcc = merchant % 50 == 0 ? HIGH_RISK_MCCS[merchant % HIGH_RISK_MCCS.length]
                : MCCS[merchant % MCCS.length];
            final String merchantCountry = r.nextInt(100) < 97 ? "US" : FOREIGN[r.nextInt(FOREIGN.length)];
            final double major = Math.exp(3.5 + 1.2 * r.nextGaussian());
            final long amountMinor = Math.max(1L, Math.min(2_000_000L, Math.round(major * 100)));
            if (cardPresent) {
                final int e = r.nextInt(100);
                final EntryMode mode = e < 55 ? EntryMode.CHIP : e < 90 ? EntryMode.CONTACTLESS
                    : e < 98 ? EntryMode.SWIPE : EntryMode.MANUAL;
                return new Template(Channel.CP, mode, "m-" + merchant, "t-" + r.nextInt(TERMINALS_PER_MERCHANT), mcc,
                    merchantCountry, amountMinor, null, null, null, false);
            }
            final int e = r.nextInt(100);
            final EntryMode mode = e < 85 ? EntryMode.ECOMMERCE : e < 95 ? EntryMode.WALLET : EntryMode.MOTO;
            final String ip = "10." + r.nextInt(256) + '.' + r.nextInt(256) + '.' + r.nextInt(256);
            final String ipCountry = r.nextInt(100) < 97 ? "US" : FOREIGN[r.nextInt(FOREIGN.length)];
            final String billingCountry = r.nextInt(100) < 98 ? "US" : FOREIGN[r.nextInt(FOREIGN.length)];
            return new Template(Channel.CNP, mode, "m-" + merchant, null, mcc, merchantCountry, amountMinor, ip,
                ipCountry, billingCountry, r.nextInt(100) < 3);
        }
    }
}
