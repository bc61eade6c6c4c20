package dev.keymint.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CustomerRepository {

    private final JdbcClient jdbc;

    public CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Customer customer) {
        jdbc.sql("INSERT INTO customer (id, name, created_at) VALUES (?, ?, ?)")
                .params(customer.id(), customer.name(), customer.createdAt().toEpochMilli())
                .update();
    }

    public Optional<Customer> findById(String id) {
        return jdbc.sql("SELECT id, name, created_at FROM customer WHERE id = ?")
                .param(id)
                .query((rs, row) -> new Customer(rs.getString("id"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .optional();
    }

    /**
     * Takes the customer's full-access guard: a write to its row, held to the end of the
     * transaction, so that changes that could remove a full-access key of one customer run one at
     * a time.
     */
    public void takeFullAccessGuard(String customerId) {
        jdbc.sql("UPDATE customer SET full_access_guard = full_access_guard + 1 WHERE id = ?").param(customerId).update();
    }

    public List<String> allIds() {
        return jdbc.sql("SELECT id FROM customer").query(String.class).list();
    }
}
