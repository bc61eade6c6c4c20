package dev.keymint.admin;

import java.util.Arrays;
import java.util.Map;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.keymint.web.ProblemType;

/**
 * The OpenAPI document of the administration API, served at {@code /v3/api-docs}. Springdoc
 * describes the successful answers from the controllers; the problem answers, which come from
 * the security filters and the exception handler, are added here to every operation they apply to.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "keymint administration API", version = "v1",
                description = "API keys, roles, microtenants and the audit log of one customer. Authenticate with a "
                        + "bearer access token from keymint's token endpoint (or a trusted issuer) whose permissions "
                        + "cover the operation. Errors are RFC 9457 problem details."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                add(operation, "400", "Invalid input; errors names each offending field");
                add(operation, "401", "No access token, or one that is invalid, expired or no longer allowed");
                add(operation, "403", "The access token lacks the permission; the caller's microtenant scope forbids it; "
                        + "the operation needs permissions the token does not hold (missingPermissions names them); "
                        + "or it would take away the bootstrap key, which only that key may");
                if (path.contains("{")) {
                    add(operation, "404", "No such object in the caller's customer and microtenant");
                }
                if (method != PathItem.HttpMethod.GET) {
                    add(operation, "409", "Duplicate name, object in use, read-only object, concurrent change, or the "
                            + "customer's last full-access key");
                }
                if (method == PathItem.HttpMethod.PATCH) {
                    add(operation, "412", "If-Match names a version that is no longer current");
                }
                if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH) {
                    add(operation, "413", "The request body is larger than keymint.web.max-request-body (1 MiB)");
                }
                add(operation, "429", "The caller's budget of reads or writes is spent (the source address's, for "
                        + "the secret-scanning endpoint); Retry-After says when to retry");
                add(operation, "503", "keymint cannot reach its database, or the JWK Set of the token's outside "
                        + "issuer; Retry-After says when to retry");
            }));
        };
    }

    private static void add(Operation operation, String status, String description) {
        operation.getResponses().putIfAbsent(status, new ApiResponse().description(description)
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .properties(Map.of(
                        "type", new StringSchema().example(ProblemType.INVALID_REQUEST.uri().toString())
                                .description("one of " + String.join(", ", Arrays.stream(ProblemType.values())
                                        .map(type -> type.uri().toString()).toList())
                                        + "; about:blank for a wrong method, Accept or Content-Type"),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema(),
                        "instance", new StringSchema(),
                        "errors", new ArraySchema().items(fieldError),
                        "missingPermissions", new ArraySchema().items(new StringSchema())
                                .description("the permissions an operation beyond the caller's needs")));
    }
}
