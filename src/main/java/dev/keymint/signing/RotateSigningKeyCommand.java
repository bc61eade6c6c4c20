package dev.keymint.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

import com.nimbusds.jose.jwk.JWK;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * {@code java -jar keymint.jar rotate-signing-key [--property=value ...]}: writes a new signing
 * key into the keys folder and exits. Running instances pick it up by polling the folder; nothing
 * else starts, so it is safe next to running instances, embedded database included. Properties
 * come from the same places as keymint's own (arguments, environment, {@code application.yml}),
 * so the command finds the same folder and algorithm as the instances it serves.
 */
public final class RotateSigningKeyCommand {

    public static final String NAME = "rotate-signing-key";

    private RotateSigningKeyCommand() {
    }

    public static boolean isRequested(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    public static void run(String[] args) {
        String[] properties = Arrays.copyOfRange(args, 1, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(properties)) {
            SigningProperties signing = context.getBean(SigningProperties.class);
            SigningPolicy policy = context.getBean(SigningPolicy.class);
            SigningAlgorithm algorithm = policy.algorithm();
            JWK key = SigningKeys.writeNewKey(signing.keysDirectory(), algorithm, Clock.systemUTC());
            Instant issued = key.getIssueTime().toInstant();
            Instant signs = issued.plus(signing.reloadInterval());
            System.out.printf("""
                    New %s signing key %s written to %s.
                    Every instance publishes it within %d s (keymint.signing.reload-interval) and signs with it
                    from %s on, at the latest one interval later. The key it replaces stays published until
                    %s: two intervals and the longest a token may be accepted (%d s: the longest token lifetime
                    and keymint.token.clock-skew) later.
                    """, algorithm, key.getKeyID(), signing.keysDirectory().toAbsolutePath().normalize(),
                    signing.reloadInterval().toSeconds(), signs,
                    signs.plus(signing.reloadInterval()).plus(policy.retiredKeyRetention()),
                    policy.retiredKeyRetention().toSeconds());
        }
    }

    /**
     * Binds the signing properties and finds the {@link SigningPolicy} of the package that issues
     * tokens (with the properties it reads), and nothing else: no database, no web server.
     */
    @EnableConfigurationProperties(SigningProperties.class)
    @ComponentScan(basePackages = "dev.keymint", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = SigningPolicy.class))
    static final class Settings {
    }
}
