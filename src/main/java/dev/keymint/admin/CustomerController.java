package dev.keymint.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.keymint.caller.Caller;
import dev.keymint.common.NotFoundException;
import dev.keymint.tenant.CustomerRepository;

@RestController
@Tag(name = "Customer")
class CustomerController {

    private final CustomerRepository customers;

    CustomerController(CustomerRepository customers) {
        this.customers = customers;
    }

    @GetMapping(path = "/api/v1/customer", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The caller's customer ID and name (any authenticated administrator)")
    CustomerView customer(@AuthenticationPrincipal Caller caller) {
        return customers.findById(caller.customerId())
                .map(customer -> new CustomerView(customer.id(), customer.name(), caller.microtenantId()))
                .orElseThrow(() -> new NotFoundException("The customer of the access token does not exist."));
    }
}
