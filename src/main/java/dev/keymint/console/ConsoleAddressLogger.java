package dev.keymint.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started keymint where the console is, as the last line of the start (after the
 * bootstrap key's block on a first start), with the port the server really listens on.
 */
@Component
class ConsoleAddressLogger implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAddressLogger.class);

    private final Environment environment;

    ConsoleAddressLogger(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null
                || web.getWebServer().getPort() <= 0) {
            return;
        }
        String address = environment.getProperty("server.address");
        String host = address == null || address.isBlank() || address.equals("0.0.0.0") || address.equals("::")
                ? "localhost" : address.contains(":") ? "[" + address + "]" : address;
        log.info("Console: http://{}:{}{}/ (sign in with an administrator key)", host, web.getWebServer().getPort(),
                ConsoleWebConfiguration.ROOT);
    }
}
