package org.licensing.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/** Hands the trusted-proxy settings to {@link ClientAddress} at every start (a malformed CIDR fails the start). */
@ApplicationScoped
public class ClientAddressConfig {

    static final String LOOPBACK = "127.0.0.0/8,::1/128";

    void onStart(@Observes StartupEvent start,
            @ConfigProperty(name = "licensing.http.trusted-proxies", defaultValue = LOOPBACK) String trusted,
            @ConfigProperty(name = "licensing.http.trusted-proxy-hops", defaultValue = "1") int hops) {
        ClientAddress.configure(trusted, hops);
    }
}
