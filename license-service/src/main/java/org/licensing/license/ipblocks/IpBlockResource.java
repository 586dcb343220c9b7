package org.licensing.license.ipblocks;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.Roles;

import io.smallrye.mutiny.Uni;

/** Addresses blocked for repeated rate-limit abuse, across the services; an administrator lifts one. */
@Path("/api/v1/ip-blocks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class IpBlockResource {

    private final IpBlocks blocks;
    private final JsonWebToken jwt;

    public IpBlockResource(IpBlocks blocks, JsonWebToken jwt) {
        this.blocks = blocks;
        this.jwt = jwt;
    }

    @GET
    public Uni<List<IpBlock>> list() {
        return blocks.list(Caller.of(jwt));
    }

    /** Lifts the block at once (the event log records who did it); answers the block as it was. */
    @DELETE
    @Path("/{ip}")
    public Uni<IpBlock> lift(@PathParam("ip") String ip) {
        return blocks.lift(Caller.of(jwt), ip, ip == null ? "" : ip.trim());
    }
}
