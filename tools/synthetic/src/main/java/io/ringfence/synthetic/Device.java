package io.ringfence.synthetic;

/**
 * A phone or computer someone pays online from, with the IP address it usually connects from.
 *
 * @param id        device id (a fingerprinting vendor's id)
 * @param ipAddress its usual IP address
 */
public record Device(String id, String ipAddress) {
    static Device draw(final RandomDraws random) {
        return new Device("dev-" + random.hex(12), random.ipAddress());
    }
}
