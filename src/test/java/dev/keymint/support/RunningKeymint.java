package dev.keymint.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import dev.keymint.KeymintApplication;

/**
 * A keymint started the way an operator starts it (no test profile, no test clock), on a random
 * port, for tests about starting, restarting and several instances.
 */
public final class RunningKeymint implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningKeymint(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningKeymint start(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("keymint.embedded-database.directory", "target/embedded-mariadb");
        // the one thing not as an operator has it: the tests' many requests from one address
        all.put("spring.profiles.active", KeymintTest.ROOMY_RATE_LIMITS);
        all.putAll(properties);
        List<String> args = new ArrayList<>();
        all.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new RunningKeymint(new SpringApplicationBuilder(KeymintApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton(
                        WithoutTestConfigurations.class.getName(), new WithoutTestConfigurations()))
                .run(args.toArray(String[]::new)));
    }

    /**
     * Component scanning would otherwise pick up the tests' own configurations (test clock,
     * statement counter) from the test classpath; {@code @SpringBootTest} keeps them out the
     * same way.
     */
    static final class WithoutTestConfigurations extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WithoutTestConfigurations;
        }

        @Override
        public int hashCode() {
            return WithoutTestConfigurations.class.hashCode();
        }
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public Http http() {
        return new Http(port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
