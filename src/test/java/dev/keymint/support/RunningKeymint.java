package dev.keymint.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

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
        all.putAll(properties);
        List<String> args = new ArrayList<>();
        all.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new RunningKeymint(new SpringApplicationBuilder(KeymintApplication.class).run(args.toArray(String[]::new)));
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
