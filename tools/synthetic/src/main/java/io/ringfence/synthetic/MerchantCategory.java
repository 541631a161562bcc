package io.ringfence.synthetic;

/**
 * Kinds of merchant, with their ISO 18245 merchant category code, where they sell and what a typical purchase
 * costs. Weights say how often an ordinary cardholder shops there, in store and online.
 */
public enum MerchantCategory {
    GROCERY(5411, "grocery store", 42.0, 0.7, 1.00, 20, 0),
    RESTAURANT(5812, "restaurant", 38.0, 0.6, 5.00, 12, 0),
    FAST_FOOD(5814, "fast food and cafes", 11.0, 0.5, 2.50, 14, 0),
    SERVICE_STATION(5541, "service station", 48.0, 0.4, 10.00, 8, 0),
    PHARMACY(5912, "pharmacy", 19.0, 0.7, 2.00, 6, 0),
    DEPARTMENT_STORE(5311, "department store", 75.0, 0.8, 5.00, 5, 0),
    CLOTHING(5651, "clothing store", 62.0, 0.7, 8.00, 5, 0),
    TRANSIT(4111, "public transport", 4.5, 0.5, 1.50, 6, 0),
    HARDWARE(5251, "hardware store", 55.0, 0.8, 3.00, 3, 0),
    BOOKSTORE(5942, "bookstore", 22.0, 0.6, 4.00, 2, 0),
    ELECTRONICS(5732, "electronics store", 140.0, 1.0, 10.00, 2, 3),
    HOTEL(7011, "hotel", 180.0, 0.6, 60.00, 0.3, 1.5),
    MARKETPLACE(5399, "online marketplace", 45.0, 0.9, 3.00, 0, 14),
    RIDE_HAILING(4121, "ride hailing", 19.0, 0.5, 4.00, 0, 8),
    FOOD_DELIVERY(5499, "food delivery", 32.0, 0.5, 8.00, 0, 7),
    STREAMING(4899, "streaming and subscriptions", 13.0, 0.3, 4.99, 0, 5),
    DIGITAL_GOODS(5815, "apps and e-books", 7.0, 0.6, 2.49, 0, 4),
    AIRLINE(4511, "airline", 320.0, 0.6, 40.00, 0, 1),
    TRAVEL_AGENCY(4722, "travel agency", 400.0, 0.7, 50.00, 0, 0.5),
    GAMING(5816, "online games", 15.0, 0.7, 2.99, 0, 1),
    CRYPTO_EXCHANGE(6051, "crypto exchange", 250.0, 1.0, 20.00, 0, 0.3),
    CHARITY(8398, "charity donations", 25.0, 0.8, 5.00, 0, 0.5);

    private final int mcc;
    private final String description;
    private final double medianAmount;
    private final double amountSpread;
    private final double minimumAmount;
    private final double inStoreWeight;
    private final double onlineWeight;

    MerchantCategory(final int mcc, final String description, final double medianAmount, final double amountSpread,
        final double minimumAmount, final double inStoreWeight, final double onlineWeight) {
        this.mcc = mcc;
        this.description = description;
        this.medianAmount = medianAmount;
        this.amountSpread = amountSpread;
        this.minimumAmount = minimumAmount;
        this.inStoreWeight = inStoreWeight;
        this.onlineWeight = onlineWeight;
    }

    public int mcc() {
        return mcc;
    }

    public String description() {
        return description;
    }

    /** Median purchase in major units, before the cardholder's own spending level. */
    public double medianAmount() {
        return medianAmount;
    }

    /** Log-normal shape of purchase amounts. */
    public double amountSpread() {
        return amountSpread;
    }

    /** Smallest genuine purchase in major units. */
    public double minimumAmount() {
        return minimumAmount;
    }

    public double inStoreWeight() {
        return inStoreWeight;
    }

    public double onlineWeight() {
        return onlineWeight;
    }

    public boolean sellsInStore() {
        return inStoreWeight > 0;
    }

    public boolean sellsOnline() {
        return onlineWeight > 0;
    }
}
