package io.ringfence.synthetic;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;

import java.util.Locale;

/**
 * One authorization: the fields of an {@link AuthorizationRequest}, plus the tag saying which story it belongs
 * to. Card-not-present ones carry the device, IP, email and billing country; card-present ones a terminal.
 *
 * @param id             transaction id, in stream order ({@code tx0000001})
 * @param timeMillis     transmission time, epoch milliseconds
 * @param card           the card
 * @param amountMinor    amount in minor units of {@code currency}
 * @param currency       ISO 4217 alpha code
 * @param channel        CP or CNP
 * @param entryMode      how the card was read
 * @param merchant       where
 * @param terminalId     the terminal, card-present only; null otherwise
 * @param ipAddress      card-not-present only
 * @param ipCountry      card-not-present only
 * @param deviceId       card-not-present only
 * @param email          card-not-present only
 * @param billingCountry card-not-present only
 * @param tag            the story
 */
public record SyntheticAuthorization(String id, long timeMillis, SyntheticCard card, long amountMinor,
    String currency, Channel channel, EntryMode entryMode, Merchant merchant, String terminalId, String ipAddress,
    String ipCountry, String deviceId, String email, String billingCountry, ScenarioTag tag)
    implements SyntheticEvent {

    /** The same authorization with its stream-order id. */
    SyntheticAuthorization withId(final String newId) {
        return new SyntheticAuthorization(newId, timeMillis, card, amountMinor, currency, channel, entryMode, merchant,
            terminalId, ipAddress, ipCountry, deviceId, email, billingCountry, tag);
    }

    /** The request a gateway would send for it. */
    public AuthorizationRequest toRequest() {
        return AuthorizationRequest.builder()
            .requestId(id)
            .pan(card.pan())
            .expiry(card.expiry())
            .amountMinor(amountMinor)
            .currency(currency)
            .channel(channel)
            .entryMode(entryMode)
            .merchantId(merchant.id())
            .terminalId(terminalId)
            .mcc(merchant.mcc())
            .merchantCountry(merchant.country())
            .cardCountry(card.country())
            .ipAddress(ipAddress)
            .ipCountry(ipCountry)
            .deviceId(deviceId)
            .email(email)
            .billingCountry(billingCountry)
            .transmissionTimeMillis(timeMillis)
            .build();
    }

    public boolean cardPresent() {
        return channel == Channel.CP;
    }

    /** The amount in major units, for people. */
    public String amountText() {
        return String.format(Locale.ROOT, "%,.2f %s", amountMinor / 100.0, currency);
    }
}
