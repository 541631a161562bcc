package io.ringfence.synthetic;

/**
 * Who appears to be paying online: the signals a card-not-present authorization carries.
 *
 * @param device         the device
 * @param ipAddress      the IP address it connects from
 * @param ipCountry      where that IP address is
 * @param email          the email given at checkout
 * @param billingCountry the billing address country given at checkout
 */
record OnlineIdentity(Device device, String ipAddress, String ipCountry, String email, String billingCountry) {
    /** The cardholder on one of their own devices, at home or abroad. */
    static OnlineIdentity of(final Cardholder cardholder, final Device device, final String whereNow) {
        return new OnlineIdentity(device, device.ipAddress(), whereNow, cardholder.email(),
            cardholder.home().code());
    }

    /**
     * Someone other than the cardholder paying from the card's own country: their own device, a local IP address
     * (theirs, or a proxy's), and the email they give.
     */
    static OnlineIdentity local(final RandomDraws random, final String country, final String email) {
        return new OnlineIdentity(Device.draw(random), random.ipAddress(), country, email, country);
    }

    /** A fraudster: their own device, an IP address in their country, a throwaway email. */
    static OnlineIdentity fraudster(final RandomDraws random, final String billingCountry) {
        final String country = random.pick(Country.FRAUD_ORIGINS);
        return new OnlineIdentity(Device.draw(random), random.ipAddress(), country,
            random.hex(10) + "@throwaway.example", billingCountry == null ? country : billingCountry);
    }
}
