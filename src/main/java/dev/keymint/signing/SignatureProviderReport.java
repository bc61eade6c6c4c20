package dev.keymint.signing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Who signs, for operators: {@code signing} in {@code /actuator/info}, and the gauge
 * {@code keymint_signing_provider_info} (always 1) whose labels name the provider, so that a
 * dashboard can show which instances sign natively.
 */
@Component
class SignatureProviderReport implements InfoContributor {

    private final Map<String, Object> details;

    SignatureProviderReport(SigningKeys keys, MeterRegistry registry) {
        SignatureProvider provider = keys.signatureProvider();
        SigningAlgorithm algorithm = keys.algorithm();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("algorithm", algorithm.name());
        details.put("provider", provider.kind());
        details.put("implementation", provider.implementation(algorithm));
        details.put("requested", provider.requested().toString());
        this.details = Collections.unmodifiableMap(details);
        Gauge.builder("keymint.signing.provider.info", () -> 1)
                .description("The provider that signs tokens (always 1; the labels say which)")
                .tag("provider", provider.kind())
                .tag("implementation", provider.implementation(algorithm))
                .tag("algorithm", algorithm.name())
                .register(registry);
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("signing", details);
    }
}
