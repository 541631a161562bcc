package io.ringfence.event;

import io.ringfence.api.ReasonCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RejectionTest {
    @Test
    void theReasonsThatSayARequestWasMalformedAreExactlyTheRejections() {
        final Set<ReasonCode> rejections = Arrays.stream(Rejection.values()).map(Rejection::reason)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReasonCode.class)));
        final Set<ReasonCode> malformed = Arrays.stream(ReasonCode.values()).filter(ReasonCode::refusesMalformedRequest)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReasonCode.class)));
        assertEquals(rejections, malformed);
    }
}
