package dev.keymint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.keymint.signing.RotateSigningKeyCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KeymintApplication {

    public static void main(String[] args) {
        if (RotateSigningKeyCommand.isRequested(args)) {
            RotateSigningKeyCommand.run(args);
            return;
        }
        SpringApplication.run(KeymintApplication.class, args);
    }
}
