package io.ringfence.server.iso8583;

import io.ringfence.api.AuthorizationRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CnpSignalsTest {
    @Test
    void readsEveryTagInAnyOrderAndSkipsUnknownOnes() throws Exception {
        final String tlv = CnpSignals.entry("EM", "jane@example.com") + CnpSignals.entry("ZZ", "ignored")
            + CnpSignals.entry("IP", "203.0.113.7") + CnpSignals.entry("IC", "US") + CnpSignals.entry("DV", "dev-1")
            + CnpSignals.entry("BC", "GB") + CnpSignals.entry("CC", "FR");
        final AuthorizationRequest.Builder builder = AuthorizationRequest.builder();
        CnpSignals.read(tlv, builder);
        final AuthorizationRequest request = builder.build();
        assertEquals("jane@example.com", request.email());
        assertEquals("203.0.113.7", request.ipAddress());
        assertEquals("US", request.ipCountry());
        assertEquals("dev-1", request.deviceId());
        assertEquals("GB", request.billingCountry());
        assertEquals("FR", request.cardCountry());
    }

    @Test
    void theDocumentedExampleReads() throws Exception {
        final AuthorizationRequest.Builder builder = AuthorizationRequest.builder();
        CnpSignals.read("IP011203.0.113.7IC002USEM016jane@example.com", builder);
        final AuthorizationRequest request = builder.build();
        assertEquals("203.0.113.7", request.ipAddress());
        assertEquals("US", request.ipCountry());
        assertEquals("jane@example.com", request.email());
    }

    @Test
    void anEmptyValueIsNoSignalAndAnEmptyFieldIsNone() throws Exception {
        final AuthorizationRequest.Builder builder = AuthorizationRequest.builder();
        CnpSignals.read("DV000", builder);
        CnpSignals.read("", builder);
        assertNull(builder.build().deviceId());
    }

    @Test
    void aBrokenLayoutIsAFormatErrorOfField48() {
        for (final String broken : new String[] {"IP", "IP01", "IPx11203.0.113.7", "IP099short", "ip003abc",
            "IP0031.2IP0031.3", "EM003a@bEM003c@d"}) {
            final IsoFormatException failure = assertThrows(IsoFormatException.class,
                () -> CnpSignals.read(broken, AuthorizationRequest.builder()), broken);
            assertEquals(48, failure.field());
            assertTrue(failure.getMessage().startsWith("field 48: "), failure.getMessage());
        }
    }
}
