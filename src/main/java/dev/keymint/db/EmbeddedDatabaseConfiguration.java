package dev.keymint.db;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, keymint starts its own MariaDB and points a pool at it.
 * Spring Boot's own DataSource auto-configuration backs off because a {@link DataSource} bean
 * exists; Flyway and everything else use this one.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    @Bean
    EmbeddedMariaDbHandle embeddedMariaDb(EmbeddedDatabaseProperties properties) {
        return new EmbeddedMariaDbHandle(EmbeddedMariaDb.acquire(properties.directory()));
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedMariaDbHandle server, EmbeddedDatabaseProperties properties) {
        String url = "jdbc:mariadb://127.0.0.1:" + server.db().port() + "/" + properties.databaseName()
                + "?createDatabaseIfNotExist=true";
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(url)
                .username("root")
                .password(server.db().rootPassword())
                .build();
    }
}
