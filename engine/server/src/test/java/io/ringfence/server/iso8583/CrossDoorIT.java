package io.ringfence.server.iso8583;

import io.ringfence.server.RingfenceServer;
import io.ringfence.server.ServerConfig;
import io.ringfence.server.TestEngines;
import io.ringfence.server.http.HttpDoor;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signature promise across the two doors of one server: a card reported over HTTP by the issuer is refused at
 * the next tap an acquirer sends over ISO 8583, with jPOS as the acquirer.
 */
@Timeout(60)
class CrossDoorIT {
    private static final String KEY = "cross-door-test-key-0123456789";

    @Test
    void aFraudReportOverHttpRefusesTheNextTapOverIso8583() throws Exception {
        final String pan = TestPans.pan("455555", 7);
        try (RingfenceServer server = RingfenceServer.start(ServerConfig.builder()
            .isoPort(0)
            .httpPort(0)
            .apiKeys(Set.of(KEY))
            .build(), TestEngines.small(), Iso8583Door::new, HttpDoor::new)) {
            final BaseChannel acquirer = Iso8583DoorIT.connect(server, true);
            try {
                assertEquals("00", Iso8583DoorIT.exchange(acquirer, Iso8583DoorIT.chip(pan)).getString(39));

                final HttpResponse<String> report = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
                        + "/v1/fraud-reports"))
                    .header("Authorization", "Bearer " + KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pan\": \"" + pan + "\", \"kind\": \"issuer_report\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, report.statusCode(), report.body());
                assertTrue(report.body().contains("\"APPLIED\""), report.body());
                assertFalse(report.body().contains(pan), "the acknowledgement never carries the card number");

                final ISOMsg tap = Iso8583DoorIT.chip(pan);
                tap.set(22, "071");
                final ISOMsg refused = Iso8583DoorIT.exchange(acquirer, tap);
                assertEquals("59", refused.getString(39));
                assertFalse(refused.hasField(38), "no approval code on a refusal");
            } finally {
                acquirer.disconnect();
            }
        }
    }
}
