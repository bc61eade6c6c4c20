package dev.keymint.admin;

import org.junit.jupiter.api.Test;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class MicrotenantApiTest extends AdminTestBase {

    @Test
    void createsListsReadsUpdatesAndDeletesAMicrotenant() {
        AdminApi admin = newTenant().api();

        Http.Response created = admin.post("/api/v1/microtenants", json("name", "Europe", "description", "EU workloads"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/microtenants/" + id);
        assertThat(created.json().get("keyCount").asLong()).isZero();
        JsonNode list = admin.get("/api/v1/microtenants").json();
        assertThat(list.get("totalCount").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("name").asString()).isEqualTo("Europe");

        String etag = admin.get("/api/v1/microtenants/" + id).header("ETag");
        Http.Response renamed = admin.patch("/api/v1/microtenants/" + id, json("name", "EU"), etag);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("EU");
        assertThat(renamed.json().get("description").asString()).isEqualTo("EU workloads");
        assertProblem(admin.patch("/api/v1/microtenants/" + id, json("name", "Stale"), etag), 412);

        assertThat(admin.delete("/api/v1/microtenants/" + id).status()).isEqualTo(204);
        assertProblem(admin.get("/api/v1/microtenants/" + id), 404);
        assertProblem(admin.delete("/api/v1/microtenants/" + id), 404);
    }

    @Test
    void aMicrotenantWithKeysCannotBeDeletedAndNamesAreUnique() {
        Tenant tenant = newTenant();
        AdminApi admin = tenant.api();
        String id = admin.post("/api/v1/microtenants", json("name", "Busy")).json().get("id").asString();
        String clientId = admin.post("/api/v1/api-keys", json("name", uniqueName("in busy"), "roleId", tenant.fullRoleId(),
                "microtenantId", id)).json().get("clientId").asString();

        Http.Response refused = admin.delete("/api/v1/microtenants/" + id);

        assertProblem(refused, 409);
        assertThat(refused.json().get("detail").asString()).contains("1 API key");
        assertThat(admin.get("/api/v1/microtenants/" + id).json().get("keyCount").asLong()).isEqualTo(1);
        assertProblem(admin.post("/api/v1/microtenants", json("name", "Busy")), 409);
        assertThat(errorFields(admin.post("/api/v1/microtenants", json("name", "")))).containsOnly("name");
        admin.delete("/api/v1/api-keys/" + clientId);
        assertThat(admin.delete("/api/v1/microtenants/" + id).status()).isEqualTo(204);
    }

    @Test
    void theCustomerEndpointNamesTheCallersCustomer() {
        Http.Response customer = bootstrapAdmin().get("/api/v1/customer");

        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.json().get("customerId").asString()).isEqualTo(keys.installationCustomerId());
        assertThat(customer.json().get("name").asString()).isEqualTo("Default");
        assertThat(customer.json().get("microtenantId").isNull()).isTrue();

        Tenant tenant = newTenant();
        assertThat(tenant.api().get("/api/v1/customer").json().get("customerId").asString()).isEqualTo(tenant.customerId());
    }
}
