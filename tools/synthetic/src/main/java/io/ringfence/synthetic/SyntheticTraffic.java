package io.ringfence.synthetic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Generated traffic: the population and the time-ordered events, with a few counts. */
public final class SyntheticTraffic {
    private final GeneratorConfig config;
    private final Population population;
    private final List<SyntheticEvent> events;
    private final int authorizations;
    private final int cardPresent;
    private final int fraudReports;
    private final int flagClears;
    private final int fraudulent;

    SyntheticTraffic(final GeneratorConfig config, final Population population, final List<SyntheticEvent> events) {
        this.config = config;
        this.population = population;
        this.events = List.copyOf(events);
        int auths = 0;
        int present = 0;
        int reports = 0;
        int clears = 0;
        int fraud = 0;
        for (final SyntheticEvent event : this.events) {
            if (event instanceof SyntheticAuthorization authorization) {
                auths++;
                present += authorization.cardPresent() ? 1 : 0;
                fraud += authorization.tag().fraud() ? 1 : 0;
            } else if (event instanceof SyntheticFraudReport) {
                reports++;
            } else {
                clears++;
            }
        }
        this.authorizations = auths;
        this.cardPresent = present;
        this.fraudReports = reports;
        this.flagClears = clears;
        this.fraudulent = fraud;
    }

    public GeneratorConfig config() {
        return config;
    }

    public Population population() {
        return population;
    }

    /** Every event, in time order (ties in a fixed order). */
    public List<SyntheticEvent> events() {
        return events;
    }

    public int authorizations() {
        return authorizations;
    }

    public int cardPresentAuthorizations() {
        return cardPresent;
    }

    public int cardNotPresentAuthorizations() {
        return authorizations - cardPresent;
    }

    public int fraudReports() {
        return fraudReports;
    }

    public int flagClears() {
        return flagClears;
    }

    /** Authorizations made by fraudsters. */
    public int fraudulentAuthorizations() {
        return fraudulent;
    }

    /** Milliseconds since midnight UTC of the first day, for showing times within the traffic. */
    public long sinceStart(final long timeMillis) {
        return timeMillis - config.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The time as {@code HH:mm:ss}, with the day number in front when the traffic spans several days. */
    public String clockTime(final long timeMillis) {
        final String time = Instant.ofEpochMilli(timeMillis).atZone(ZoneOffset.UTC).toLocalTime()
            .withNano(0).toString();
        final String padded = time.length() == 5 ? time + ":00" : time;
        if (config.days() == 1) {
            return padded;
        }
        return "day " + (1 + sinceStart(timeMillis) / 86_400_000L) + ' ' + padded;
    }
}
